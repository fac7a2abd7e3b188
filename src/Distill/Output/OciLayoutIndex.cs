using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Blobs;

namespace Distill.Output;

/// <summary>
/// Reads and replaces the index.json of an OCI layout. Entries written by other tools keep every property,
/// and entries keep their order.
/// </summary>
internal static class OciLayoutIndex
{
    public const string FileName = "index.json";

    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Adds <paramref name="descriptor"/> to the layout's index.json under <paramref name="tag"/>, replacing the
    /// entry that had the tag. Without a tag, the descriptor is added unless an untagged entry with its digest
    /// exists. An artifact's entry also carries its <paramref name="artifactType"/> and
    /// <paramref name="annotations"/>. The file is replaced atomically, and the caller holds the layout lock.
    /// </summary>
    public static void AddManifest(string layoutDirectory, Descriptor descriptor, string? tag,
        string? artifactType = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var path = Path.Combine(layoutDirectory, FileName);
        var index = File.Exists(path) ? Read(path) : CreateEmpty();
        var manifests = GetManifests(index, path);

        var entry = CreateEntry(descriptor, tag, artifactType, annotations);
        var existing = manifests.FirstOrDefault(node => Matches(node, descriptor.Digest, tag));
        if (existing is null)
        {
            manifests.Add(entry);
        }
        else
        {
            var position = manifests.IndexOf(existing);
            manifests.RemoveAt(position);
            manifests.Insert(position, entry);
            RemoveOtherEntriesWithTag(manifests, entry, tag);
        }

        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(index, SerializerOptions));
    }

    private static JsonObject CreateEmpty() => new()
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = MediaTypes.ImageIndex,
        ["manifests"] = new JsonArray(),
    };

    /// <summary>Reads index.json when it exists, so that a broken one fails before anything is written.</summary>
    public static void Validate(string layoutDirectory)
    {
        var path = Path.Combine(layoutDirectory, FileName);
        if (File.Exists(path))
        {
            GetManifests(Read(path), path);
        }
    }

    private static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new InvalidOciLayoutException(path, "the file is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new InvalidOciLayoutException(path, $"the file is not valid JSON ({exception.Message})", exception);
        }
    }

    private static JsonArray GetManifests(JsonObject index, string path)
    {
        if (!index.ContainsKey("manifests"))
        {
            index["manifests"] = new JsonArray();
        }

        return index["manifests"] as JsonArray
            ?? throw new InvalidOciLayoutException(path, "the 'manifests' property is not an array");
    }

    private static JsonObject CreateEntry(Descriptor descriptor, string? tag, string? artifactType,
        IReadOnlyDictionary<string, string>? annotations)
    {
        var entry = new JsonObject
        {
            ["mediaType"] = descriptor.MediaType,
            ["digest"] = descriptor.Digest.ToString(),
            ["size"] = descriptor.Size,
        };
        if (artifactType is not null)
        {
            entry["artifactType"] = artifactType;
        }

        var entryAnnotations = new JsonObject();
        foreach (var (key, value) in annotations ?? new Dictionary<string, string>())
        {
            entryAnnotations[key] = value;
        }

        if (tag is not null)
        {
            entryAnnotations[RefNameAnnotation] = tag;
        }

        if (entryAnnotations.Count > 0)
        {
            entry["annotations"] = entryAnnotations;
        }

        return entry;
    }

    /// <summary>
    /// Returns whether an existing entry is the one to replace: the entry with the tag, or for an untagged write,
    /// an untagged entry with the same digest.
    /// </summary>
    private static bool Matches(JsonNode? node, Digest digest, string? tag)
    {
        var entryTag = GetTag(node);
        return tag is not null
            ? entryTag == tag
            : entryTag is null && node?["digest"]?.GetValueKind() == JsonValueKind.String
                && node["digest"]!.GetValue<string>() == digest.ToString();
    }

    private static string? GetTag(JsonNode? node) =>
        node?["annotations"]?[RefNameAnnotation] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    private static void RemoveOtherEntriesWithTag(JsonArray manifests, JsonObject kept, string? tag)
    {
        if (tag is null)
        {
            return;
        }

        var duplicates = manifests.Where(node => node != kept && GetTag(node) == tag).ToList();
        foreach (var duplicate in duplicates)
        {
            manifests.Remove(duplicate);
        }
    }
}
