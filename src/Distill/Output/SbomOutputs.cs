using Distill.Blobs;
using Distill.Referrers;
using Distill.Registry;
using Distill.Sbom;

namespace Distill.Output;

/// <summary>An SBOM document of one image, serialized, ready to attach to an output.</summary>
public sealed record ImageSbom(Descriptor Image, SbomFormat Format, byte[] Content, DateTimeOffset Created);

/// <summary>
/// Attaches SBOMs to the outputs of a build: as OCI artifacts whose subject is the image in an OCI layout or a
/// registry, and as files beside a docker archive (FILE.spdx.json, FILE.cdx.json), which cannot hold artifacts.
/// </summary>
public static class SbomOutputs
{
    /// <summary>
    /// Returns the image name that an SBOM of <paramref name="target"/> states: the layout's tag, the archive's
    /// NAME:TAG, or the registry's HOST/REPOSITORY:TAG, else <paramref name="imageName"/>. Directories and file
    /// paths are left out, so the same build written to another place gives the same SBOM.
    /// </summary>
    public static string SubjectName(OutputReference target, string imageName) => target switch
    {
        OciLayoutReference oci => oci.Tag ?? imageName,
        DockerArchiveReference { Name: { } name } archive =>
            $"{name}:{archive.Tag ?? DockerArchiveReference.DefaultTag}",
        RegistryReference registry =>
            $"{registry.Host}/{registry.Repository}:{registry.Tag ?? RegistryReference.DefaultTag}",
        _ => imageName,
    };

    /// <summary>Returns the path of the file beside a docker archive that contains its SBOM in a format.</summary>
    public static string ArchiveSbomPath(DockerArchiveReference archive, SbomFormat format) =>
        archive.File + format.FileSuffix();

    /// <summary>
    /// Attaches each SBOM to <paramref name="target"/> and returns where each went: the artifact manifest digest
    /// for a layout or registry, the file path for a docker archive. A file system error becomes
    /// <see cref="OutputNotWritableException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AttachAsync(OutputReference target, IReadOnlyList<ImageSbom> sboms,
        BlobStore store, RegistryClient registries, CancellationToken cancellationToken)
    {
        var locations = new List<string>();
        try
        {
            foreach (var sbom in sboms)
            {
                locations.Add(await AttachAsync(target, sbom, store, registries, cancellationToken));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputNotWritableException(target, error.Message, error);
        }

        return locations;
    }

    private static async Task<string> AttachAsync(OutputReference target, ImageSbom sbom, BlobStore store,
        RegistryClient registries, CancellationToken cancellationToken)
    {
        if (target is DockerArchiveReference archive)
        {
            var path = ArchiveSbomPath(archive, sbom.Format);
            AtomicFile.Write(path, sbom.Content);
            return path;
        }

        var artifact = ReferrerArtifact.CreateSbom(store, sbom.Image, sbom.Format, sbom.Content, sbom.Created);
        switch (target)
        {
            case OciLayoutReference oci:
                OciLayout.WriteReferrer(oci.Directory, artifact, store);
                break;
            case RegistryReference registry:
                await new RegistryReferrers(registries).PushAsync(registry, artifact, store, cancellationToken);
                break;
            default:
                throw new ArgumentException($"unknown output reference {target}", nameof(target));
        }

        return artifact.Manifest.Digest.ToString();
    }
}
