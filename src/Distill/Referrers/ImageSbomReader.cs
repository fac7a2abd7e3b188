using Distill.Blobs;
using Distill.Copying;
using Distill.Images;
using Distill.Output;
using Distill.Registry;
using Distill.Sbom;

namespace Distill.Referrers;

/// <summary>
/// Reads the SBOM that a build attached to an image: the referrer with the format's artifactType in an OCI
/// layout or a registry, or the file beside a docker archive.
/// </summary>
public sealed class ImageSbomReader(BlobStore store, RegistryClient client)
{
    /// <summary>
    /// Returns the SBOM document of the image that <paramref name="reference"/> names. For an image index, the
    /// SBOM is that of the image for <paramref name="architecture"/> (a Debian architecture such as "amd64"),
    /// because each SBOM describes one image. Throws <see cref="SbomNotFoundException"/> when none is attached.
    /// </summary>
    public async Task<byte[]> ReadAsync(
        OutputReference reference, SbomFormat format, string architecture, CancellationToken cancellationToken)
    {
        if (reference is DockerArchiveReference archive)
        {
            var path = SbomOutputs.ArchiveSbomPath(archive, format);
            return File.Exists(path)
                ? await File.ReadAllBytesAsync(path, cancellationToken)
                : throw new SbomNotFoundException(reference.ToString(), format, $"{path} does not exist");
        }

        var content = await new ImageCopier(store, client).OpenSource(reference).LoadAsync(cancellationToken);
        var subject = SelectManifest(content, architecture, reference).Descriptor.Digest;
        var where = $"no referrer of image manifest {subject} has the artifactType {format.MediaType()}";
        switch (reference)
        {
            case OciLayoutReference oci:
                var layout = new LayoutReferrers(oci.Directory);
                var local = layout.Find(subject, format.MediaType());
                return local.Count > 0
                    ? await layout.ReadArtifactAsync(Latest(local), cancellationToken)
                    : throw new SbomNotFoundException(reference.ToString(), format, where);
            case RegistryReference registry:
                var referrers = new RegistryReferrers(client);
                var remote = await referrers.FindAsync(registry, subject, format.MediaType(), cancellationToken);
                return remote.Count > 0
                    ? await referrers.ReadArtifactAsync(registry, Latest(remote), cancellationToken)
                    : throw new SbomNotFoundException(reference.ToString(), format, where);
            default:
                throw new ArgumentException($"unknown image reference {reference}", nameof(reference));
        }
    }

    /// <summary>
    /// Picks the referrer with the latest created annotation, which the RFC 3339 UTC form lets compare as text,
    /// and the last listed among equals.
    /// </summary>
    private static ReferrerEntry Latest(IReadOnlyList<ReferrerEntry> entries) =>
        entries
            .Select((entry, position) => (entry, position))
            .OrderBy(item => item.entry.Annotations.GetValueOrDefault(ReferrerArtifact.CreatedAnnotation, ""),
                StringComparer.Ordinal)
            .ThenBy(item => item.position)
            .Last().entry;

    private static ManifestContent SelectManifest(ImageContent content, string architecture, OutputReference reference)
    {
        if (!content.IsIndex)
        {
            return content.Manifests[0];
        }

        var platform = Platform.FromDebianArchitecture(architecture);
        return content.Manifests.FirstOrDefault(manifest => manifest.Platform == platform)
            ?? throw new DistillException($"the image index {reference} has no image for {platform} (platforms: "
                + $"{string.Join(", ", content.Manifests.Select(manifest => manifest.Platform?.ToString() ?? "none"))}"
                + "). Name one of its architectures with --arch.");
    }
}
