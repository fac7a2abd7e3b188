using System.Text;
using Distill.Blobs;
using Distill.Content;
using Distill.Copying;
using Distill.Elf;
using Distill.Images;
using Distill.Layers;
using Microsoft.Extensions.Logging;

namespace Distill.Applications;

/// <summary>
/// Puts an application on an existing image read from an <see cref="IImageSource"/>: the new image keeps the
/// base's layers by digest, its config (history included) and its container settings, which the spec
/// overrides. Only the config blob is always read. The base's layers are read, and stored in the blob store
/// once by digest, only when the entrypoint check or the placement of added files needs the base's files.
/// </summary>
public sealed class ExistingBaseBuilder(BlobStore store, IImageSource baseSource, ILogger logger)
{
    private const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>
    /// Picks the base's image manifest of each architecture: from an index the one whose platform matches,
    /// else the only manifest, whose config must have the requested architecture. Null
    /// <paramref name="architectures"/> means the host's for an index and the image's own otherwise.
    /// </summary>
    public async Task<IReadOnlyList<(ManifestContent Manifest, string Architecture)>> SelectAsync(
        ImageContent content, IReadOnlyList<string>? architectures, string hostArchitecture,
        CancellationToken cancellationToken)
    {
        if (!content.IsIndex)
        {
            var manifest = content.Manifests[0];
            var platform = BaseConfigJson.ReadPlatform(await ReadConfigAsync(manifest, cancellationToken));
            var own = DebianArchitectureOf(platform);
            var wrong = (architectures ?? []).FirstOrDefault(architecture => architecture != own);
            if (wrong is not null)
            {
                throw new DistillException($"the base {baseSource.Name} is one image for {platform}, not for "
                    + $"'{wrong}': leave out --arch, or name a base with that architecture");
            }

            return [(manifest, own)];
        }

        var selected = new List<(ManifestContent, string)>();
        foreach (var architecture in architectures ?? [hostArchitecture])
        {
            var requested = Platform.FromDebianArchitecture(architecture);
            var match = content.Manifests.FirstOrDefault(manifest => manifest.Platform is { } platform
                && platform.Os == requested.Os && platform.Architecture == requested.Architecture);
            if (match is null)
            {
                var available = string.Join(", ", content.Manifests.Select(manifest =>
                    manifest.Platform?.ToString() ?? "unknown"));
                throw new DistillException($"the base {baseSource.Name} has no image for {requested} (it has: "
                    + $"{available}): pass --arch with one of its architectures");
            }

            selected.Add((match, architecture));
        }

        return selected;
    }

    /// <summary>
    /// Stores the config and manifest of the application image built on one base manifest and returns it.
    /// Throws <see cref="ApplicationCheckException"/> for a problem of the entrypoint program, unless the spec
    /// skips checks.
    /// </summary>
    public async Task<Image> BuildAsync(ManifestContent manifest, string architecture, ApplicationSpec spec,
        DateTimeOffset created, CancellationToken cancellationToken)
    {
        var source = $"{baseSource.Name} {manifest.Descriptor.Digest}";
        var baseConfig = await ReadConfigAsync(manifest, cancellationToken);
        var diffIds = BaseConfigJson.ReadDiffIds(baseConfig, source);
        if (diffIds.Count != manifest.Layers.Count)
        {
            throw new InvalidManifestException(source, $"the config lists {diffIds.Count} diff IDs for "
                + $"{manifest.Layers.Count} layers");
        }

        var baseLayers = manifest.Layers.Select((layer, index) => new Layer(ToOciLayer(layer), diffIds[index], 0, ""))
            .ToList();
        var settings = ApplicationConfig.Merge(BaseConfigJson.ReadContainerConfig(baseConfig), spec);
        var baseFiles = NeedsBaseFiles(spec)
            ? await ReadLayersAsync(baseLayers, architecture, cancellationToken)
            : [];
        var entries = AddedFiles.Collect(spec, new LayeredImageFileSystem(baseFiles), created);
        if (baseFiles.Count > 0 || !spec.SkipChecks)
        {
            Check(architecture, settings, new LayeredImageFileSystem([.. baseFiles, entries]), spec.SkipChecks);
        }
        else
        {
            logger.LogInformation("{Architecture}: entrypoint check skipped because of --no-check", architecture);
        }

        var layers = baseLayers.ToList();
        var createdBy = "distill application: " + string.Join(", ", spec.Added.Select(added => "/" + added.Destination));
        Layer? layer = null;
        if (entries.Count > 0)
        {
            layer = LayerWriter.Write(entries, createdBy, store);
            logger.LogInformation("{Architecture}: application layer {Digest} ({Size} bytes, {Count} entries)",
                architecture, layer.Digest, layer.Size, entries.Count);
            layers.Add(layer);
        }

        var configJson = BaseConfigJson.Extend(baseConfig, settings, layer?.DiffId, createdBy, created);
        var configDescriptor = store.Add(MediaTypes.ImageConfig, Encoding.UTF8.GetBytes(configJson.ToJsonString()));
        var annotations = spec.Annotations.Count > 0 ? spec.Annotations : null;
        var manifestJson = ManifestJson.SerializeManifest(configDescriptor, layers.Select(item => item.Descriptor),
            annotations);
        var manifestDescriptor = store.Add(MediaTypes.ImageManifest, manifestJson);
        var platform = BaseConfigJson.ReadPlatform(baseConfig);
        var image = new Image(new ImageConfig(platform, settings, layers, created), configDescriptor,
            manifestDescriptor);
        logger.LogInformation("{Architecture}: application image {Digest} on {Base}", architecture, image.Digest,
            manifest.Descriptor.Digest);
        return image;
    }

    /// <summary>
    /// Returns whether the base's files are needed: for the entrypoint check, and to place an added path
    /// whose parent directory may be a symbolic link in the base (/bin in a merged-/usr image).
    /// </summary>
    private static bool NeedsBaseFiles(ApplicationSpec spec) =>
        !spec.SkipChecks || spec.Added.Any(added => added.Destination.Contains('/'));

    private async Task<IReadOnlyList<IReadOnlyList<FileEntry>>> ReadLayersAsync(IReadOnlyList<Layer> layers, string architecture,
        CancellationToken cancellationToken)
    {
        logger.LogInformation("{Architecture}: reading the {Count} base layers for the entrypoint check and the added files",
            architecture, layers.Count);
        var files = new List<IReadOnlyList<FileEntry>>();
        foreach (var layer in layers)
        {
            if (layer.Descriptor.MediaType != MediaTypes.ImageLayerGzip)
            {
                throw new DistillException($"the base layer {layer.Digest} has the media type "
                    + $"'{layer.Descriptor.MediaType}', which Distill cannot read: only gzip layers are read. "
                    + "Pass --no-check and add files only at the top level of the image");
            }

            await BlobImport.StoreAsync(store, layer.Descriptor,
                token => baseSource.OpenBlobAsync(layer.Descriptor, token), baseSource.Name, cancellationToken);
            files.Add(LayerReader.Read(layer, store));
        }

        return files;
    }

    private async Task<System.Text.Json.Nodes.JsonObject> ReadConfigAsync(ManifestContent manifest,
        CancellationToken cancellationToken)
    {
        if (manifest.Config.Size > ImageConfigSummary.MaxSize)
        {
            throw new InvalidManifestException(baseSource.Name, $"the image config {manifest.Config.Digest} has "
                + $"{manifest.Config.Size} bytes, more than the limit of {ImageConfigSummary.MaxSize}");
        }

        await BlobImport.StoreAsync(store, manifest.Config,
            token => baseSource.OpenBlobAsync(manifest.Config, token), baseSource.Name, cancellationToken);
        var content = await File.ReadAllBytesAsync(store.GetExistingPath(manifest.Config.Digest), cancellationToken);
        return BaseConfigJson.Parse(content, $"{baseSource.Name} {manifest.Config.Digest}");
    }

    private void Check(string architecture, ContainerConfig config, IImageFileSystem fileSystem, bool skipChecks)
    {
        try
        {
            new ProgramCheck(fileSystem, architecture, config).Run();
        }
        catch (ApplicationCheckException problem) when (skipChecks)
        {
            logger.LogWarning("{Architecture}: {Problem} (ignored because of --no-check)", architecture,
                problem.Message);
        }
    }

    /// <summary>
    /// Gives a Docker gzip layer the OCI media type of the same bytes, because the new manifest is an OCI
    /// manifest. Other media types are kept.
    /// </summary>
    // NOTE: a Docker foreign or zstd layer keeps its own media type inside the OCI manifest, and no test
    // covers a base with such layers.
    private static Descriptor ToOciLayer(Descriptor layer) =>
        layer.MediaType == DockerLayerGzip ? layer with { MediaType = MediaTypes.ImageLayerGzip } : layer;

    private static string DebianArchitectureOf(Platform platform) => platform.Architecture switch
    {
        "amd64" or "arm64" => platform.Architecture,
        _ => throw new DistillException($"the base {platform} is not an architecture Distill builds for: "
            + "amd64 or arm64"),
    };
}
