using System.Text.Json;
using Distill.Blobs;
using Distill.Copying;
using Distill.Output;

namespace Distill.Referrers;

/// <summary>
/// Finds the referrers of an image in an OCI image layout: the untagged index.json entries with an
/// artifactType whose manifest's "subject" is the image's manifest.
/// </summary>
public sealed class LayoutReferrers(string directory)
{
    /// <summary>Returns the referrers of <paramref name="subject"/> whose artifactType is <paramref name="artifactType"/>.</summary>
    public IReadOnlyList<ReferrerEntry> Find(Digest subject, string artifactType)
    {
        var path = Path.Combine(directory, "index.json");
        if (!File.Exists(path))
        {
            throw new InvalidOciLayoutException(path, "the file is missing, so the directory is not an OCI layout");
        }

        var entries = ReferrerIndex.Parse(File.ReadAllBytes(path), path);
        return entries
            .Where(entry => entry.ArtifactType == artifactType && entry.Manifest.MediaType == MediaTypes.ImageManifest)
            .Where(entry => ReadSubject(entry.Manifest.Digest) == subject)
            .ToList();
    }

    /// <summary>Reads the only layer of an artifact manifest and checks its digest.</summary>
    public async Task<byte[]> ReadArtifactAsync(ReferrerEntry entry, CancellationToken cancellationToken)
    {
        var source = $"{OutputReference.OciPrefix}{directory}@{entry.Manifest.Digest}";
        var layer = ReferrerArtifactReader.FindLayer(
            await File.ReadAllBytesAsync(BlobPath(entry.Manifest.Digest), cancellationToken), entry, source);
        await using var stream = File.OpenRead(BlobPath(layer.Digest));
        return await ReferrerArtifactReader.ReadCheckedAsync(stream, layer, source, cancellationToken);
    }

    private string BlobPath(Digest digest) => Path.Combine(directory, "blobs", Digest.Algorithm, digest.Hex);

    private Digest? ReadSubject(Digest manifest)
    {
        var path = BlobPath(manifest);
        if (!File.Exists(path))
        {
            throw new InvalidOciLayoutException(path, $"the blob {manifest} is missing");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("subject", out var subject)
                && subject.TryGetProperty("digest", out var digest)
                ? Digest.Parse(digest.GetString()!)
                : null;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or InvalidDigestException)
        {
            throw new InvalidOciLayoutException(path, $"the artifact manifest is invalid ({error.Message})", error);
        }
    }
}
