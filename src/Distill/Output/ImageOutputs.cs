using Distill.Blobs;
using Distill.Copying;
using Distill.Images;
using Distill.Registry;

namespace Distill.Output;

/// <summary>Writes built images to the outputs a user named.</summary>
public static class ImageOutputs
{
    /// <summary>
    /// Rejects a docker archive for a multi-architecture build before any work starts, because a docker
    /// archive contains one image.
    /// </summary>
    public static void CheckArchitectures(IEnumerable<OutputReference> targets, IReadOnlyList<string> architectures)
    {
        if (architectures.Count > 1 && targets.OfType<DockerArchiveReference>().Any())
        {
            throw new MultipleArchitecturesException(architectures.Select(Platform.FromDebianArchitecture));
        }
    }

    /// <summary>
    /// Checks before any work starts that each output's directory can be created and written, so that a path
    /// under a regular file or a read-only directory fails at once with <see cref="OutputNotWritableException"/>.
    /// </summary>
    public static void CheckWritable(IEnumerable<OutputReference> targets)
    {
        var archives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (target is DockerArchiveReference archive && !archives.Add(Path.GetFullPath(archive.File)))
            {
                throw new OutputNotWritableException(
                    target, "another --output names the same docker archive, which contains one image");
            }

            OutputDirectoryCheck.CheckWritable(target);
        }
    }

    /// <summary>
    /// Writes one image, or an index of several, and returns the digest that names it: the manifest or index
    /// digest for an OCI layout, the image ID (config digest) for a docker archive. A file system error
    /// becomes <see cref="OutputNotWritableException"/>.
    /// </summary>
    public static Digest Write(OutputReference target, IReadOnlyList<Image> images, BlobStore store)
    {
        try
        {
            return WriteTo(target, images, store);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputNotWritableException(target, error.Message, error);
        }
    }

    private static Digest WriteTo(OutputReference target, IReadOnlyList<Image> images, BlobStore store)
    {
        return target switch
        {
            OciLayoutReference oci when images.Count == 1 => OciLayout.Write(oci.Directory, oci.Tag, images[0], store),
            OciLayoutReference oci =>
                OciLayout.Write(oci.Directory, oci.Tag, ImageBuilder.BuildIndex(images, store), store),
            DockerArchiveReference archive when images.Count == 1 =>
                DockerArchive.Write(archive.File, archive.Name, archive.Tag, images[0], store),
            DockerArchiveReference => throw new MultipleArchitecturesException(images.Select(image => image.Platform)),
            RegistryReference => throw new ArgumentException(
                $"a registry output needs a registry client; call {nameof(WriteAsync)}", nameof(target)),
            _ => throw new ArgumentException($"unknown output reference {target}", nameof(target)),
        };
    }

    /// <summary>
    /// Writes like <see cref="Write"/>, and also pushes to a registry ("docker://"), where the digest is that
    /// of the manifest, or of the index of all architectures.
    /// </summary>
    public static async Task<Digest> WriteAsync(OutputReference target, IReadOnlyList<Image> images, BlobStore store,
        RegistryClient registries, CancellationToken cancellationToken)
    {
        if (target is not RegistryReference registry)
        {
            return Write(target, images, store);
        }

        var root = images.Count == 1 ? images[0].ManifestDescriptor : ImageBuilder.BuildIndex(images, store).Descriptor;
        var source = new BlobStoreImageSource(store, root, registry.ToString());
        var content = await source.LoadAsync(cancellationToken);
        return await new ImagePusher(registries).PushAsync(content, source, registry, cancellationToken);
    }
}
