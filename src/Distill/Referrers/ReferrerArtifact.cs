using System.Text.Json;
using Distill.Blobs;
using Distill.Sbom;

namespace Distill.Referrers;

/// <summary>
/// An OCI artifact that refers to an image (OCI image specification 1.1): an image manifest with an
/// "artifactType", the empty config, one layer that contains the artifact, and a "subject" that is the image's
/// manifest descriptor. <see cref="Blobs"/> lists the empty config, the layer and the manifest, all in the
/// <see cref="BlobStore"/> that created them.
/// </summary>
public sealed record ReferrerArtifact(
    Descriptor Manifest,
    string ArtifactType,
    Descriptor Subject,
    IReadOnlyList<Descriptor> Blobs,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The media type of the empty config, whose content is "{}".</summary>
    public const string EmptyMediaType = "application/vnd.oci.empty.v1+json";

    /// <summary>The annotation that marks an SBOM artifact, with the format's name ("spdx") as value.</summary>
    public const string SbomFormatAnnotation = "distill.sbom.format";

    public const string CreatedAnnotation = "org.opencontainers.image.created";

    private static readonly byte[] EmptyContent = "{}"u8.ToArray();

    /// <summary>
    /// Stores an SBOM document and the artifact manifest that attaches it to <paramref name="subject"/>. The
    /// manifest carries <paramref name="created"/> so that the same document gives the same manifest digest.
    /// </summary>
    public static ReferrerArtifact CreateSbom(
        BlobStore store, Descriptor subject, SbomFormat format, byte[] document, DateTimeOffset created)
    {
        var empty = store.Add(EmptyMediaType, EmptyContent);
        var layer = store.Add(format.MediaType(), document);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [CreatedAnnotation] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                System.Globalization.CultureInfo.InvariantCulture),
            [SbomFormatAnnotation] = format.Name(),
        };
        var manifestContent = SerializeManifest(format.MediaType(), empty, layer, subject, annotations);
        var manifest = store.Add(MediaTypes.ImageManifest, manifestContent);
        return new ReferrerArtifact(manifest, format.MediaType(), subject, [empty, layer, manifest], annotations);
    }

    private static byte[] SerializeManifest(string artifactType, Descriptor config, Descriptor layer,
        Descriptor subject, IReadOnlyDictionary<string, string> annotations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaTypes.ImageManifest);
            json.WriteString("artifactType", artifactType);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            WriteDescriptor(json, layer);
            json.WriteEndArray();
            json.WritePropertyName("subject");
            WriteDescriptor(json, subject);
            json.WriteStartObject("annotations");
            foreach (var (key, value) in annotations)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, Descriptor descriptor)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", descriptor.MediaType);
        json.WriteString("digest", descriptor.Digest.ToString());
        json.WriteNumber("size", descriptor.Size);
        json.WriteEndObject();
    }
}
