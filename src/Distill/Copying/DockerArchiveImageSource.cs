using System.Formats.Tar;
using System.Text.Json;
using Distill.Blobs;
using Distill.Images;
using Distill.Output;
using Distill.Registry;

namespace Distill.Copying;

/// <summary>
/// An image in a docker-archive tar ("docker save" format). The archive's files are imported into a
/// <see cref="BlobStore"/> once, and an OCI manifest is made for the entry of manifest.json that the reference
/// names (or the only entry): the config as is, and each layer with the media type its first bytes show
/// (gzip, zstd or plain tar).
/// </summary>
public sealed class DockerArchiveImageSource(DockerArchiveReference reference, BlobStore store) : IImageSource
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    public string Name => reference.ToString();

    public RegistryReference? Registry => null;

    public async Task<ImageContent> LoadAsync(CancellationToken cancellationToken)
    {
        var files = await ImportFilesAsync(cancellationToken);
        var (configPath, layerPaths) = SelectEntry(files);
        var config = new Descriptor(MediaTypes.ImageConfig, Find(files, configPath).Digest, Find(files, configPath).Size);
        var layers = layerPaths.Select(path => Find(files, path)).Select(file => new Descriptor(
            DetectLayerMediaType(file.Digest), file.Digest, file.Size)).ToList();
        var manifest = store.Add(MediaTypes.ImageManifest, ManifestJson.SerializeManifest(config, layers, null));
        return await new BlobStoreImageSource(store, manifest, Name).LoadAsync(cancellationToken);
    }

    public Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken) =>
        Task.FromResult(store.OpenRead(blob.Digest));

    /// <summary>Stores every regular file of the tar and returns their paths; symbolic links map to targets.</summary>
    private async Task<Dictionary<string, (Digest Digest, long Size)>> ImportFilesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(reference.File))
        {
            throw new InvalidDockerArchiveException(reference.File, "the file does not exist");
        }

        var files = new Dictionary<string, (Digest, long)>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var stream = File.OpenRead(reference.File);
        try
        {
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = Normalize(entry.Name);
                if (entry.EntryType is TarEntryType.SymbolicLink)
                {
                    links[name] = Normalize(Path.Combine(Path.GetDirectoryName(name) ?? "", entry.LinkName));
                }
                else if (entry.DataStream is not null
                    && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    files[name] = await BlobImport.WriteAsync(store, entry.DataStream, cancellationToken);
                }
            }
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDockerArchiveException(reference.File, $"it is not a valid tar file ({error.Message})");
        }

        foreach (var (link, target) in links)
        {
            if (files.TryGetValue(target, out var file))
            {
                files.TryAdd(link, file);
            }
        }

        return files;
    }

    private (string Config, IReadOnlyList<string> Layers) SelectEntry(Dictionary<string, (Digest Digest, long Size)> files)
    {
        var manifest = Find(files, "manifest.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(store.GetExistingPath(manifest.Digest)));
            var entries = document.RootElement.EnumerateArray().ToList();
            var wanted = reference.Name is null ? null : $"{reference.Name}:{reference.Tag ?? DockerArchiveReference.DefaultTag}";
            var matches = entries.Where(entry => wanted is null || GetRepoTags(entry).Contains(wanted)).ToList();
            if (matches.Count != 1)
            {
                throw new InvalidDockerArchiveException(reference.File, wanted is null
                    ? $"manifest.json has {entries.Count} images, so name one with docker-archive:FILE:NAME:TAG"
                    : $"no single image in manifest.json is tagged '{wanted}'");
            }

            var config = matches[0].GetProperty("Config").GetString()!;
            var layers = matches[0].GetProperty("Layers").EnumerateArray().Select(layer => layer.GetString()!).ToList();
            return (Normalize(config), layers.Select(Normalize).ToList());
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDockerArchiveException(reference.File, $"manifest.json is invalid ({error.Message})");
        }
    }

    private static IEnumerable<string> GetRepoTags(JsonElement entry) =>
        entry.TryGetProperty("RepoTags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(tag => tag.GetString() ?? "")
            : [];

    private (Digest Digest, long Size) Find(Dictionary<string, (Digest Digest, long Size)> files, string path) =>
        files.TryGetValue(path, out var file)
            ? file
            : throw new InvalidDockerArchiveException(reference.File, $"the archive has no file '{path}'");

    private string DetectLayerMediaType(Digest digest)
    {
        using var content = store.OpenRead(digest);
        Span<byte> head = stackalloc byte[4];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read].StartsWith(GzipMagic) ? MediaTypes.ImageLayerGzip
            : head[..read].StartsWith(ZstdMagic) ? "application/vnd.oci.image.layer.v1.tar+zstd"
            : "application/vnd.oci.image.layer.v1.tar";
    }

    private static string Normalize(string name) =>
        Path.GetFullPath("/" + name).TrimStart('/');
}
