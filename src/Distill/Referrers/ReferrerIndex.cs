using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Blobs;

namespace Distill.Referrers;

/// <summary>
/// One entry of a referrers list, the image index that the referrers API returns and that the tag schema
/// stores: the manifest of an artifact, its artifactType and its annotations.
/// </summary>
public sealed record ReferrerEntry(Descriptor Manifest, string? ArtifactType, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Describes an artifact as an entry of a referrers list.</summary>
    public static ReferrerEntry From(ReferrerArtifact artifact) =>
        new(artifact.Manifest, artifact.ArtifactType, artifact.Annotations);
}

/// <summary>Reads and writes referrers lists, image indexes whose entries carry artifactType.</summary>
public static class ReferrerIndex
{
    /// <summary>
    /// Returns the tag that the tag schema of the OCI distribution specification 1.1 uses for the referrers of
    /// <paramref name="subject"/>: "sha256-HEX".
    /// </summary>
    public static string FallbackTag(Digest subject) => $"{Digest.Algorithm}-{subject.Hex}";

    /// <summary>
    /// Parses the entries of a referrers list. Throws <see cref="Copying.InvalidManifestException"/> naming
    /// <paramref name="source"/> when it is not an image index.
    /// </summary>
    public static IReadOnlyList<ReferrerEntry> Parse(byte[] content, string source)
    {
        try
        {
            var manifests = JsonNode.Parse(content)?["manifests"] as JsonArray
                ?? throw new Copying.InvalidManifestException(source, "the referrers list has no \"manifests\" array");
            return manifests.Select(node => ReadEntry(node, source)).ToList();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or InvalidDigestException)
        {
            throw new Copying.InvalidManifestException(source, $"the referrers list is invalid ({error.Message})");
        }
    }

    /// <summary>
    /// Returns the index that lists <paramref name="existing"/> entries and <paramref name="added"/>, which
    /// replaces any entry with the same manifest digest. Entries keep their order.
    /// </summary>
    public static byte[] Serialize(IEnumerable<ReferrerEntry> existing, ReferrerEntry added)
    {
        var entries = existing.Where(entry => entry.Manifest.Digest != added.Manifest.Digest).Append(added);
        var manifests = new JsonArray();
        foreach (var entry in entries)
        {
            var node = new JsonObject
            {
                ["mediaType"] = entry.Manifest.MediaType,
                ["digest"] = entry.Manifest.Digest.ToString(),
                ["size"] = entry.Manifest.Size,
            };
            if (entry.ArtifactType is not null)
            {
                node["artifactType"] = entry.ArtifactType;
            }

            if (entry.Annotations.Count > 0)
            {
                var annotations = new JsonObject();
                foreach (var (key, value) in entry.Annotations)
                {
                    annotations[key] = value;
                }

                node["annotations"] = annotations;
            }

            manifests.Add(node);
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.ImageIndex,
            ["manifests"] = manifests,
        };
        return JsonSerializer.SerializeToUtf8Bytes(index);
    }

    private static ReferrerEntry ReadEntry(JsonNode? node, string source)
    {
        var mediaType = node?["mediaType"]?.GetValue<string>();
        var digest = node?["digest"]?.GetValue<string>();
        var size = node?["size"]?.GetValue<long>();
        if (mediaType is null || digest is null || size is null)
        {
            throw new Copying.InvalidManifestException(source, "a referrer lacks a mediaType, digest or size");
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node!["annotations"] is JsonObject values)
        {
            foreach (var (key, value) in values)
            {
                if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                {
                    annotations[key] = text.GetValue<string>();
                }
            }
        }

        var artifactType = node["artifactType"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            ? type.GetValue<string>()
            : null;
        return new ReferrerEntry(new Descriptor(mediaType, Digest.Parse(digest), size.Value), artifactType, annotations);
    }
}
