using Distill.Blobs;

namespace Distill.Images;

/// <summary>Serializes OCI image manifests and image indexes as canonical JSON.</summary>
internal static class ManifestJson
{
    private const int SchemaVersion = 2;

    public static byte[] SerializeManifest(
        Descriptor config,
        IEnumerable<Descriptor> layers,
        IReadOnlyDictionary<string, string>? annotations) =>
        CanonicalJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("mediaType", MediaTypes.ImageManifest);
            writer.WritePropertyName("config");
            CanonicalJson.WriteDescriptor(writer, config);
            writer.WriteStartArray("layers");
            foreach (var layer in layers)
            {
                CanonicalJson.WriteDescriptor(writer, layer);
            }

            writer.WriteEndArray();
            CanonicalJson.WriteStringMapIfAny(writer, "annotations", annotations);
            writer.WriteEndObject();
        });

    public static byte[] SerializeIndex(IEnumerable<Image> images, IReadOnlyDictionary<string, string>? annotations) =>
        CanonicalJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("mediaType", MediaTypes.ImageIndex);
            writer.WriteStartArray("manifests");
            foreach (var image in images)
            {
                CanonicalJson.WriteDescriptor(writer, image.ManifestDescriptor, image.Platform);
            }

            writer.WriteEndArray();
            CanonicalJson.WriteStringMapIfAny(writer, "annotations", annotations);
            writer.WriteEndObject();
        });
}
