using Distill.Blobs;
using Distill.Copying;
using Distill.Registry;
using Microsoft.Extensions.Logging;

namespace Distill.Referrers;

/// <summary>
/// Pushes and finds the referrers of an image in a registry. A registry that supports the referrers API lists
/// them itself. For any other registry, such as distribution 2.8, the referrers list is an image index under
/// the fallback tag "sha256-HEX", as the tag schema of the OCI distribution specification 1.1 describes.
/// </summary>
public sealed class RegistryReferrers(RegistryClient client)
{
    /// <summary>
    /// Pushes the artifact's blobs and manifest to the repository of <paramref name="target"/>, then adds the
    /// manifest to the fallback tag's index unless the registry supports the referrers API.
    /// </summary>
    public async Task PushAsync(
        RegistryReference target, ReferrerArtifact artifact, BlobStore store, CancellationToken cancellationToken)
    {
        var manifestReference = target.WithDigest(artifact.Manifest.Digest);
        var source = new BlobStoreImageSource(store, artifact.Manifest, manifestReference.ToString());
        var content = await source.LoadAsync(cancellationToken);
        await new ImagePusher(client).PushAsync(content, source, manifestReference, cancellationToken);

        if (await client.GetReferrersAsync(target, artifact.Subject.Digest, cancellationToken) is not null)
        {
            client.Logger.LogInformation("The registry lists {Artifact} as a referrer of {Subject}",
                artifact.Manifest.Digest, artifact.Subject.Digest);
            return;
        }

        // NOTE: two pushes that update the same fallback tag at once can drop each other's entry, because the
        // distribution API has no conditional manifest upload.
        var fallback = FallbackReference(target, artifact.Subject.Digest);
        var existing = await ReadFallbackAsync(fallback, cancellationToken);
        var index = ReferrerIndex.Serialize(existing, ReferrerEntry.From(artifact));
        await client.PutManifestAsync(fallback, fallback.Tag!, index, MediaTypes.ImageIndex, cancellationToken);
        client.Logger.LogInformation("The registry has no referrers API, so {Artifact} is listed under the tag {Tag}",
            artifact.Manifest.Digest, fallback.Tag);
    }

    /// <summary>
    /// Returns the referrers of <paramref name="subject"/> in the repository of <paramref name="reference"/>
    /// whose artifactType is <paramref name="artifactType"/>, from the referrers API or else the fallback tag.
    /// </summary>
    public async Task<IReadOnlyList<ReferrerEntry>> FindAsync(
        RegistryReference reference, Digest subject, string artifactType, CancellationToken cancellationToken)
    {
        var listed = await client.GetReferrersAsync(reference, subject, cancellationToken) is { } content
            ? ReferrerIndex.Parse(content, reference.ToString())
            : await ReadFallbackAsync(FallbackReference(reference, subject), cancellationToken);
        return listed.Where(entry => entry.ArtifactType == artifactType).ToList();
    }

    /// <summary>Reads the only layer of an artifact manifest and checks its digest.</summary>
    public async Task<byte[]> ReadArtifactAsync(
        RegistryReference reference, ReferrerEntry entry, CancellationToken cancellationToken)
    {
        var manifestReference = reference.WithDigest(entry.Manifest.Digest);
        var manifest = await client.GetManifestAsync(manifestReference, cancellationToken);
        var layer = ReferrerArtifactReader.FindLayer(manifest.Content, entry, manifestReference.ToString());
        await using var stream = await client.OpenBlobAsync(reference, layer, cancellationToken);
        return await ReferrerArtifactReader.ReadCheckedAsync(stream, layer, manifestReference.ToString(),
            cancellationToken);
    }

    private static RegistryReference FallbackReference(RegistryReference reference, Digest subject) =>
        reference with { Tag = ReferrerIndex.FallbackTag(subject), Digest = null };

    private async Task<IReadOnlyList<ReferrerEntry>> ReadFallbackAsync(
        RegistryReference fallback, CancellationToken cancellationToken)
    {
        try
        {
            var index = await client.GetManifestAsync(fallback, cancellationToken);
            return ReferrerIndex.Parse(index.Content, fallback.ToString());
        }
        catch (RegistryNotFoundException)
        {
            return [];
        }
    }
}
