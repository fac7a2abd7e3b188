using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.Blobs;
using Distill.Layers;

namespace Distill.Building;

/// <summary>
/// Remembers the layer built from a recipe, so that a rebuild with the same package versions reuses the blob
/// instead of unpacking and compressing again. An entry at DIRECTORY/layers/KEY names the layer's digests.
/// It counts only while the blob store still contains the layer with that digest, and it is renamed into
/// place whole.
/// </summary>
public sealed class LayerCache(string cacheDirectory)
{
    /// <summary>Changes whenever the way Distill lays out a layer changes, so that old entries are ignored.</summary>
    private const string FormatVersion = "distill-layer-3";

    private readonly string directory = Path.Combine(cacheDirectory, "layers");

    /// <summary>Returns the key of a layer: a SHA-256 over everything that decides its bytes.</summary>
    public static string Key(IEnumerable<string> inputs)
    {
        var text = new StringBuilder(FormatVersion).Append('\n').Append(typeof(LayerCache).Assembly.GetName().Version);
        foreach (var input in inputs)
        {
            text.Append('\n').Append(input);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public CachedLayer? TryGet(string key, BlobStore store)
    {
        var path = Path.Combine(directory, key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(path));
            if (entry is null)
            {
                return null;
            }

            var digest = Digest.Parse(entry.Digest);
            if (!IsIntact(store, digest, entry.Size))
            {
                return null;
            }

            var descriptor = new Descriptor(entry.MediaType, digest, entry.Size);
            var layer = new Layer(descriptor, Digest.Parse(entry.DiffId), entry.DiffSize, entry.CreatedBy);
            return new CachedLayer(layer, entry.Licenses ?? new Dictionary<string, string>());
        }
        catch (Exception error) when (error is JsonException or InvalidDigestException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns whether the stored blob still has its size and digest. A changed blob is deleted, so that the
    /// layer is built again rather than written out under a digest it no longer has.
    /// </summary>
    private static bool IsIntact(BlobStore store, Digest digest, long size)
    {
        var path = store.GetPath(digest);
        if (!File.Exists(path))
        {
            return false;
        }

        using (var stream = File.OpenRead(path))
        {
            if (stream.Length == size && Digest.Compute(stream) == digest)
            {
                return true;
            }
        }

        File.Delete(path);
        return false;
    }

    public void Save(string key, CachedLayer cached)
    {
        var layer = cached.Layer;
        var entry = new Entry(
            layer.Descriptor.MediaType, layer.Digest.ToString(), layer.Size, layer.DiffId.ToString(), layer.DiffSize,
            layer.CreatedBy, new Dictionary<string, string>(cached.Licenses));
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(entry));
        File.Move(temp, Path.Combine(directory, key), overwrite: true);
    }

    private sealed record Entry(
        string MediaType,
        string Digest,
        long Size,
        string DiffId,
        long DiffSize,
        string CreatedBy,
        Dictionary<string, string>? Licenses);
}

/// <summary>A layer and the licence of each package in it, as the layer cache keeps them.</summary>
public sealed record CachedLayer(Layer Layer, IReadOnlyDictionary<string, string> Licenses);
