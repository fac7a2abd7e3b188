using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Distill.Tests.EndToEnd;

/// <summary>Reads an OCI image layout directory as plain files: index.json, JSON blobs and gzip layer blobs.</summary>
public sealed class OciLayoutFiles(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Returns the digest of the manifest or index that index.json tags with <paramref name="tag"/>.</summary>
    public string DigestOfTag(string tag)
    {
        var index = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Directory, "index.json")))!;
        var entries = index["manifests"]!.AsArray()
            .Where(entry => entry!["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() == tag)
            .ToList();
        Assert.True(entries.Count == 1, $"index.json of {Directory} has {entries.Count} entries tagged '{tag}'");
        return entries[0]!["digest"]!.GetValue<string>();
    }

    public string BlobPath(string digest)
    {
        Assert.StartsWith("sha256:", digest);
        return Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]);
    }

    public JsonNode ReadJsonBlob(string digest) => JsonNode.Parse(File.ReadAllBytes(BlobPath(digest)))!;

    /// <summary>Returns the digests of a manifest's layer blobs, bottom first.</summary>
    public IReadOnlyList<string> LayerDigests(string manifestDigest) =>
        ReadJsonBlob(manifestDigest)["layers"]!.AsArray()
            .Select(layer => layer!["digest"]!.GetValue<string>())
            .ToList();

    /// <summary>
    /// Calls <paramref name="visit"/> with each regular file of a gzip-compressed layer blob and the first
    /// <paramref name="prefixLength"/> bytes of its content (fewer when the file is shorter).
    /// </summary>
    public void ReadRegularFiles(string layerDigest, int prefixLength, Action<string, byte[]> visit)
    {
        using var blob = File.OpenRead(BlobPath(layerDigest));
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var isRegularFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile;
            if (!isRegularFile || entry.DataStream is null)
            {
                continue;
            }

            var prefix = new byte[prefixLength];
            var length = entry.DataStream.ReadAtLeast(prefix, prefixLength, throwOnEndOfStream: false);
            visit(entry.Name, prefix[..length]);
        }
    }
}
