using Distill.Blobs;

namespace Distill.Images;

/// <summary>Stores image configs, manifests and indexes as blobs and returns the images they describe.</summary>
public static class ImageBuilder
{
    /// <summary>
    /// Stores the config and the manifest of an image in <paramref name="store"/>. Throws
    /// <see cref="BlobNotFoundException"/> when a layer blob is missing from the store, and
    /// <see cref="InvalidImageConfigException"/> for an invalid config value.
    /// </summary>
    public static Image Build(
        ImageConfig config,
        BlobStore store,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        foreach (var layer in config.Layers)
        {
            store.GetExistingPath(layer.Digest);
        }

        var configDescriptor = store.Add(MediaTypes.ImageConfig, config.ToJson());
        var layerDescriptors = config.Layers.Select(layer => layer.Descriptor);
        var manifest = ManifestJson.SerializeManifest(configDescriptor, layerDescriptors, annotations);
        var manifestDescriptor = store.Add(MediaTypes.ImageManifest, manifest);
        return new Image(config, configDescriptor, manifestDescriptor);
    }

    /// <summary>
    /// Stores an image index over <paramref name="images"/>, in the given order, in <paramref name="store"/>.
    /// Throws <see cref="DuplicatePlatformException"/> when two images share a platform.
    /// </summary>
    public static ImageIndex BuildIndex(
        IEnumerable<Image> images,
        BlobStore store,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var imageList = images.ToList();
        if (imageList.Count == 0)
        {
            throw new ArgumentException("An image index needs at least one image.", nameof(images));
        }

        var duplicate = imageList.GroupBy(image => image.Platform).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new DuplicatePlatformException(duplicate.Key);
        }

        var descriptor = store.Add(MediaTypes.ImageIndex, ManifestJson.SerializeIndex(imageList, annotations));
        return new ImageIndex(imageList, descriptor);
    }
}
