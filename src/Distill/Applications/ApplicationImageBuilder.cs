using Distill.Blobs;
using Distill.Building;
using Distill.Content;
using Distill.Elf;
using Distill.Images;
using Distill.Layers;
using Microsoft.Extensions.Logging;

namespace Distill.Applications;

/// <summary>
/// Puts an application on a built base image: one layer of the added host files on top of the base's
/// layers, which stay unchanged, and a config whose settings the spec replaces or extends. The program of
/// the entrypoint or cmd is checked with <see cref="ProgramCheck"/> before any image is stored.
/// </summary>
public sealed class ApplicationImageBuilder(BlobStore store, ILogger logger)
{
    public BuiltImage Build(BuiltImage baseImage, ApplicationSpec spec, DateTimeOffset created)
    {
        var baseLayers = baseImage.Image.Layers.Select(layer => LayerReader.Read(layer, store)).ToList();
        var entries = AddedFiles.Collect(spec, new LayeredImageFileSystem(baseLayers), created);
        var config = ApplicationConfig.Merge(baseImage.Image.Config.Config, spec);
        Check(baseImage.Architecture, config, new LayeredImageFileSystem([.. baseLayers, entries]), spec.SkipChecks);

        var layers = baseImage.Image.Layers.ToList();
        if (entries.Count > 0)
        {
            var layer = LayerWriter.Write(entries, "distill application: " + Describe(spec), store);
            logger.LogInformation("{Architecture}: application layer {Digest} ({Size} bytes, {Count} entries)",
                baseImage.Architecture, layer.Digest, layer.Size, entries.Count);
            layers.Add(layer);
        }

        var imageConfig = baseImage.Image.Config with { Config = config, Layers = layers, Created = created };
        var annotations = spec.Annotations.Count > 0 ? spec.Annotations : null;
        var image = ImageBuilder.Build(imageConfig, store, annotations);
        logger.LogInformation("{Architecture}: application image {Digest}", baseImage.Architecture, image.Digest);
        return baseImage with { Image = image, AddedFiles = entries };
    }

    /// <summary>
    /// Runs the checks of the program on the base image with the spec's files, without storing anything,
    /// and throws the <see cref="ApplicationCheckException"/> of the first problem even with --no-check.
    /// </summary>
    public void CheckOnly(BuiltImage baseImage, ApplicationSpec spec, DateTimeOffset created)
    {
        var baseLayers = baseImage.Image.Layers.Select(layer => LayerReader.Read(layer, store)).ToList();
        var entries = AddedFiles.Collect(spec, new LayeredImageFileSystem(baseLayers), created);
        var config = ApplicationConfig.Merge(baseImage.Image.Config.Config, spec);
        new ProgramCheck(new LayeredImageFileSystem([.. baseLayers, entries]), baseImage.Architecture, config).Run();
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

    private static string Describe(ApplicationSpec spec) =>
        string.Join(", ", spec.Added.Select(added => added.Destination)
            .Concat(spec.Directories.Select(directory => directory.Path))
            .Concat(spec.InlineFiles.Select(file => file.Destination))
            .Concat(spec.Symlinks.Select(link => link.Path))
            .Select(path => "/" + path));
}
