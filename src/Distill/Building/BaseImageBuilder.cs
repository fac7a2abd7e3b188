using Distill.Blobs;
using Distill.Content;
using Distill.Debian.Archive;
using Distill.Debian.Packages;
using Distill.Debian.Resolution;
using Distill.Images;
using Distill.Layers;
using Distill.Sbom;
using Microsoft.Extensions.Logging;

namespace Distill.Building;

/// <summary>
/// Builds the images of the distroless family: resolves each layer's packages in the archive, unpacks and
/// lays them out, writes the layers (or takes them from the layer cache), and adds config and manifest.
/// </summary>
public sealed class BaseImageBuilder(IPackageSource archive, BlobStore store, LayerCache layerCache, ILogger logger)
{
    /// <summary>Builds one image per requested architecture, in the order requested.</summary>
    public async Task<IReadOnlyList<BuiltImage>> BuildAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var images = new List<BuiltImage>();
        foreach (var architecture in request.Architectures)
        {
            images.Add(await BuildAsync(request, architecture, cancellationToken));
        }

        return images;
    }

    private async Task<BuiltImage> BuildAsync(
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

        var layerPackages = recipes
            .Select(recipe => (Recipe: recipe, Records: (IReadOnlyList<PackageRecord>)[.. recipe.Packages
                .Select(name => records[name])]))
            .ToList();
        if (request.AddedPackages.Count > 0)
        {
            var added = await ResolveAddedPackagesAsync(request, architecture, [.. records.Values], cancellationToken);
            if (added.Count > 0)
            {
                var recipe = new LayerRecipe(AddedPackagesLayer, [.. added.Select(record => record.Package)]);
                layerPackages.Add((recipe, added));
            }
        }

        var layerTasks = layerPackages.Select((layer, index) => Task.Run(
            () => BuildLayerAsync(layer.Recipe, layer.Records, index == 0, architecture, request, cancellationToken),
            cancellationToken));
        var layers = await Task.WhenAll(layerTasks);

        var platform = Platform.FromDebianArchitecture(architecture);
        var config = new ImageConfig(
            platform, ContainerConfigFor(request), [.. layers.Select(layer => layer.Layer)], request.Created);
        var image = ImageBuilder.Build(config, store);
        logger.LogInformation("{Architecture}: image {Digest}", architecture, image.Digest);
        var licenses = layers.SelectMany(layer => layer.Licenses).ToDictionary(StringComparer.Ordinal);
        return new BuiltImage(image, architecture, [.. layerPackages.SelectMany(layer => layer.Records)], licenses);
    }

    /// <summary>
    /// Resolves the request's added packages against the whole index, on top of the base's packages, and
    /// logs each added package with the reason it came in.
    /// </summary>
    private async Task<IReadOnlyList<PackageRecord>> ResolveAddedPackagesAsync(
        ImageRequest request, string architecture, IReadOnlyList<PackageRecord> installed,
        CancellationToken cancellationToken)
    {
        if (archive is not IPackageIndexSource indexSource)
        {
            throw new DistillException(
                "cannot add packages with --package to a build from a lock file, because the lock file pins only "
                + "the base image's packages: build without --lock");
        }

        var index = await indexSource.LoadAsync(request.Distro, architecture, cancellationToken);
        var resolution = new DependencyResolver(index).Resolve(
            new ResolutionRequest(request.AddedPackages, architecture)
            {
                Installed = installed,
                Excluded = request.ExcludedPackages.ToHashSet(StringComparer.Ordinal),
            });
        foreach (var package in resolution)
        {
            logger.LogInformation("{Architecture}: adding {Package} {Version} ({Reason})",
                architecture, package.Record.Package, package.Record.Version, package.Reason);
            logger.LogDebug("{Architecture}: {Package} comes from {Chain}",
                architecture, package.Record.Package, string.Join(" -> ", package.Chain));
        }

        if (resolution.Count == 0)
        {
            logger.LogInformation("{Architecture}: the base image already has every requested package", architecture);
        }

        return [.. resolution.Select(package => package.Record)];
    }

    /// <summary>The name of the layer that contains the packages of --package, above the base's layers.</summary>
    public const string AddedPackagesLayer = "packages";

    private async Task<CachedLayer> BuildLayerAsync(
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
                architecture, recipe.Name, cached.Layer.Digest, cached.Layer.Size);
            return cached;
        }

        var paths = await Task.WhenAll(records.Select(record => archive.FetchDebAsync(record, cancellationToken)));
        var packages = paths.Select(DebReader.Read).ToList();
        var licenses = packages.ToDictionary(package => package.Name, DebianCopyright.ReadLicense);
        var tree = LayerContent.Build(packages, isRootLayer, architecture, request.Created);
        var entries = tree.ToEntries(request.Created);
        if (request.ClampTimes)
        {
            entries = [.. entries.Select(entry => Clamp(entry, request.Created))];
        }

        var createdBy = $"distill {recipe.Name}: "
            + string.Join(", ", records.Select(record => $"{record.Package}={record.Version}"));
        var layer = new CachedLayer(LayerWriter.Write(entries, createdBy, store), licenses);
        layerCache.Save(key, layer);
        logger.LogInformation("{Architecture}: layer {Name} {Digest} ({Size} bytes, {Count} entries)",
            architecture, recipe.Name, layer.Layer.Digest, layer.Layer.Size, entries.Count);
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
