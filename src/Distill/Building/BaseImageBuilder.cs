using Distill.Blobs;
using Distill.Content;
using Distill.Debian.Archive;
using Distill.Debian.Packages;
using Distill.Images;
using Distill.Layers;
using Microsoft.Extensions.Logging;

namespace Distill.Building;

/// <summary>
/// Builds the images of the distroless family: resolves each layer's packages in the archive, unpacks and
/// lays them out, writes the layers (or takes them from the layer cache), and adds config and manifest.
/// </summary>
public sealed class BaseImageBuilder(DebianArchive archive, BlobStore store, LayerCache layerCache, ILogger logger)
{
    /// <summary>Builds one image per requested architecture, in the order requested.</summary>
    public async Task<IReadOnlyList<Image>> BuildAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var images = new List<Image>();
        foreach (var architecture in request.Architectures)
        {
            images.Add(await BuildAsync(request, architecture, cancellationToken));
        }

        return images;
    }

    private async Task<Image> BuildAsync(
        ImageRequest request, string architecture, CancellationToken cancellationToken)
    {
        var recipes = BaseImageCatalog.LayersFor(request.Image, request.Distro, request.Debug);
        var names = recipes.SelectMany(recipe => recipe.Packages).ToList();
        var records = (await archive.FindAsync(request.Distro, architecture, names, cancellationToken))
            .ToDictionary(record => record.Package);
        foreach (var name in names)
        {
            logger.LogInformation("{Architecture}: {Package} {Version}", architecture, name, records[name].Version);
        }

        var layerTasks = recipes.Select((recipe, index) => Task.Run(
            () => BuildLayerAsync(recipe, [.. recipe.Packages.Select(name => records[name])], index == 0, architecture,
                request, cancellationToken),
            cancellationToken));
        var layers = await Task.WhenAll(layerTasks);

        var platform = Platform.FromDebianArchitecture(architecture);
        var config = new ImageConfig(platform, ContainerConfigFor(request), layers, request.Created);
        var image = ImageBuilder.Build(config, store);
        logger.LogInformation("{Architecture}: image {Digest}", architecture, image.Digest);
        return image;
    }

    private async Task<Layer> BuildLayerAsync(
        LayerRecipe recipe, IReadOnlyList<PackageRecord> records, bool isRootLayer, string architecture,
        ImageRequest request, CancellationToken cancellationToken)
    {
        var key = LayerCache.Key([
            recipe.Name, architecture, isRootLayer.ToString(), request.Created.ToUnixTimeSeconds().ToString(),
            request.ClampTimes.ToString(),
            .. records.Select(record => $"{record.Package} {record.Version} {record.Sha256}"),
        ]);
        if (layerCache.TryGet(key, store) is { } cached)
        {
            logger.LogInformation("{Architecture}: layer {Name} {Digest} ({Size} bytes) is cached",
                architecture, recipe.Name, cached.Digest, cached.Size);
            return cached;
        }

        var paths = await Task.WhenAll(records.Select(record => archive.FetchDebAsync(record, cancellationToken)));
        var packages = paths.Select(DebReader.Read).ToList();
        var tree = LayerContent.Build(packages, isRootLayer, architecture, request.Created);
        var entries = tree.ToEntries(request.Created);
        if (request.ClampTimes)
        {
            entries = [.. entries.Select(entry => Clamp(entry, request.Created))];
        }

        var createdBy = $"distill {recipe.Name}: "
            + string.Join(", ", records.Select(record => $"{record.Package}={record.Version}"));
        var layer = LayerWriter.Write(entries, createdBy, store);
        layerCache.Save(key, layer);
        logger.LogInformation("{Architecture}: layer {Name} {Digest} ({Size} bytes, {Count} entries)",
            architecture, recipe.Name, layer.Digest, layer.Size, entries.Count);
        return layer;
    }

    private static FileEntry Clamp(FileEntry entry, DateTimeOffset time) =>
        entry.ModificationTime > time ? entry with { ModificationTime = time } : entry;

    private static ContainerConfig ContainerConfigFor(ImageRequest request) => new()
    {
        User = BaseImageConfig.User(request.Nonroot),
        Env = BaseImageConfig.Environment(request.Debug),
        Entrypoint = BaseImageConfig.Entrypoint(request.Debug) ?? [],
        WorkingDir = BaseImageConfig.WorkingDirectory(request.Nonroot),
    };
}
