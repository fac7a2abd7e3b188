using Distill.Blobs;
using Distill.Images;

namespace Distill.Output;

/// <summary>Writes built images to the outputs a user named.</summary>
public static class ImageOutputs
{
    /// <summary>
    /// Rejects a docker archive for a multi-architecture build before any work starts, because a docker
    /// archive holds one image.
    /// </summary>
    public static void CheckArchitectures(IEnumerable<OutputReference> targets, IReadOnlyList<string> architectures)
    {
        if (architectures.Count > 1 && targets.OfType<DockerArchiveReference>().Any())
        {
            throw new MultipleArchitecturesException(architectures.Select(Platform.FromDebianArchitecture));
        }
    }

    /// <summary>
    /// Creates the directory of each output before any work starts, so that a path under a regular file or a
    /// read-only directory fails at once with <see cref="OutputNotWritableException"/>.
    /// </summary>
    /// <remarks>
    /// NOTE: a directory that exists but is read-only passes this check, and fails in <see cref="Write"/>.
    /// </remarks>
    public static void CreateDirectories(IEnumerable<OutputReference> targets)
    {
        foreach (var target in targets)
        {
            var directory = target switch
            {
                OciLayoutReference oci => oci.Directory,
                DockerArchiveReference archive => Path.GetDirectoryName(Path.GetFullPath(archive.File)),
                _ => null,
            };
            if (directory is null)
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                var file = FindFileInPath(directory);
                var reason = file is null ? error.Message : $"{file} is a file, not a directory";
                throw new OutputNotWritableException(target, reason, error);
            }
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

    /// <summary>
    /// Returns the regular file that <paramref name="directory"/> or one of its parents is, because .NET reports
    /// a path under a file as "Could not find a part of the path", which hides the cause.
    /// </summary>
    private static string? FindFileInPath(string directory)
    {
        for (var path = Path.GetFullPath(directory); path is not null; path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static Digest WriteTo(OutputReference target, IReadOnlyList<Image> images, BlobStore store)
    {
        return target switch
        {
            OciLayoutReference oci when images.Count == 1 => OciLayout.Write(oci.Directory, oci.Tag, images[0], store),
            OciLayoutReference oci => OciLayout.Write(oci.Directory, oci.Tag, ImageBuilder.BuildIndex(images, store), store),
            DockerArchiveReference archive when images.Count == 1 =>
                DockerArchive.Write(archive.File, archive.Name, archive.Tag, images[0], store),
            DockerArchiveReference => throw new MultipleArchitecturesException(images.Select(image => image.Platform)),
            _ => throw new ArgumentException($"unknown output reference {target}", nameof(target)),
        };
    }
}
