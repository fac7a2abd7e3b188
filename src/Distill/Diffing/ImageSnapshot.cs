using System.IO.Compression;
using System.Runtime.InteropServices;
using Distill.Blobs;
using Distill.Copying;

namespace Distill.Diffing;

/// <summary>
/// One image as `distill diff` compares it: its config, its merged filesystem, the packages its dpkg
/// database lists, and its layer count and sizes. Sizes are in bytes: compressed as the manifest lists the
/// layers, uncompressed as the tar streams read.
/// </summary>
public sealed record ImageSnapshot(
    string Name,
    Descriptor Manifest,
    ImageConfigDetails Config,
    int LayerCount,
    long CompressedSize,
    long UncompressedSize,
    IReadOnlyDictionary<string, MergedFile> Files,
    IReadOnlyList<InstalledPackage> Packages)
{
    /// <summary>
    /// Reads an image from its source, streaming each layer once. For an image index, the image for
    /// <paramref name="architecture"/> (Go naming, such as "arm64") is read, or for the host's architecture
    /// when it is null.
    /// </summary>
    public static async Task<ImageSnapshot> LoadAsync(IImageSource source, string? architecture,
        CancellationToken cancellationToken)
    {
        var content = await source.LoadAsync(cancellationToken);
        var manifest = SelectManifest(content, architecture ?? HostArchitecture(), source.Name, architecture is null);
        var config = ImageConfigDetails.Parse(await ReadConfigAsync(source, manifest.Config, cancellationToken),
            source.Name);

        var merger = new LayerMerger(InstalledPackage.IsStatusFile);
        long uncompressedSize = 0;
        foreach (var layer in manifest.Layers)
        {
            uncompressedSize += await ApplyLayerAsync(source, layer, merger, cancellationToken);
        }

        var files = merger.Files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        return new ImageSnapshot(source.Name, manifest.Descriptor, config, manifest.Layers.Count,
            manifest.Layers.Sum(layer => layer.Size), uncompressedSize, files,
            InstalledPackage.ReadAll(files, merger.CapturedContent));
    }

    /// <summary>Returns the host's CPU architecture in the OCI (Go) naming.</summary>
    public static string HostArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm or Architecture.Armv6 => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loong64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static ManifestContent SelectManifest(ImageContent content, string architecture, string source,
        bool isHostDefault)
    {
        if (!content.IsIndex)
        {
            return content.Manifests[0];
        }

        var matches = content.Manifests.Where(manifest => manifest.Platform?.Architecture == architecture).ToList();
        if (matches.Count == 0 && isHostDefault && content.Manifests.Count == 1)
        {
            // An index of one image is compared whatever its architecture, unless --arch names another.
            return content.Manifests[0];
        }

        return matches.Count > 0
            ? matches[0]
            : throw new PlatformNotFoundException(source, architecture,
                content.Manifests.Select(manifest => manifest.Platform?.ToString() ?? "unknown"));
    }

    private static async Task<byte[]> ReadConfigAsync(IImageSource source, Descriptor config,
        CancellationToken cancellationToken)
    {
        if (config.Size > ImageConfigSummary.MaxSize)
        {
            throw new InvalidManifestException(source.Name, $"the config {config.Digest} is larger "
                + $"than {ImageConfigSummary.MaxSize} bytes");
        }

        await using var stream = await source.OpenBlobAsync(config, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var digest = Digest.Compute(bytes);
        return digest == config.Digest
            ? bytes
            : throw new BlobDigestMismatchException(source.Name, config, digest, bytes.Length);
    }

    /// <summary>Streams one layer into the merger and returns the size of its uncompressed tar.</summary>
    private static async Task<long> ApplyLayerAsync(IImageSource source, Descriptor layer, LayerMerger merger,
        CancellationToken cancellationToken)
    {
        var isGzip = layer.MediaType.EndsWith("gzip", StringComparison.Ordinal);
        var isTar = isGzip || layer.MediaType.EndsWith("tar", StringComparison.Ordinal);
        if (!isTar)
        {
            throw new UnsupportedLayerException(source.Name, layer.Digest.ToString(), layer.MediaType);
        }

        await using var blob = await source.OpenBlobAsync(layer, cancellationToken);
        await using var tar = isGzip ? new GZipStream(blob, CompressionMode.Decompress) : blob;
        var counter = new ByteCountingStream(tar);
        await merger.ApplyAsync(counter, cancellationToken);

        // The tar reader stops at the end-of-archive blocks; the padding after them belongs to the size too.
        await counter.CopyToAsync(Stream.Null, cancellationToken);
        return counter.BytesRead;
    }
}
