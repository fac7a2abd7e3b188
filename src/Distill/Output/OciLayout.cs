using System.Text.Json;
using Distill.Blobs;
using Distill.Images;
using Distill.Referrers;

namespace Distill.Output;

/// <summary>
/// Writes images and image indexes into an OCI image layout directory: the "oci-layout" file, blobs under
/// blobs/sha256, and index.json, whose entries carry the tag as "org.opencontainers.image.ref.name". Several
/// images and tags share one layout, and writing a tag again replaces its entry.
/// </summary>
public static class OciLayout
{
    public const string LayoutFileName = "oci-layout";

    public const string LayoutVersion = "1.0.0";

    /// <summary>The default time to wait for another writer of the same layout to finish.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Writes an image under <paramref name="tag"/> and returns the digest of its manifest.</summary>
    public static Digest Write(string directory, string? tag, Image image, BlobStore store) =>
        Write(directory, tag, image.ManifestDescriptor, image.Blobs, store, DefaultLockTimeout);

    /// <summary>Writes an image index under <paramref name="tag"/> and returns the digest of the index.</summary>
    public static Digest Write(string directory, string? tag, ImageIndex index, BlobStore store) =>
        Write(directory, tag, index.Descriptor, index.Blobs, store, DefaultLockTimeout);

    /// <summary>
    /// Writes an artifact that refers to an image of the layout, such as an SBOM, and adds its manifest to
    /// index.json without a tag, with its artifactType and annotations. Returns the digest of its manifest.
    /// </summary>
    public static Digest WriteReferrer(string directory, ReferrerArtifact artifact, BlobStore store)
    {
        CopyBlobs(directory, artifact.Blobs, store);
        using (LayoutLock.Acquire(directory, DefaultLockTimeout))
        {
            EnsureLayoutFile(directory);
            OciLayoutIndex.AddManifest(directory, artifact.Manifest, null, artifact.ArtifactType, artifact.Annotations);
        }

        return artifact.Manifest.Digest;
    }

    /// <summary>
    /// Copies or hard-links each blob that the layout lacks, then adds <paramref name="root"/> to index.json
    /// under the layout lock. Blobs come first, so index.json never refers to a missing blob.
    /// </summary>
    internal static Digest Write(
        string directory,
        string? tag,
        Descriptor root,
        IEnumerable<Descriptor> blobs,
        BlobStore store,
        TimeSpan lockTimeout)
    {
        if (tag is not null && !ReferenceGrammar.IsValidOciRefName(tag))
        {
            throw new InvalidOutputReferenceException(tag, "the tag is invalid. An OCI layout tag is made of "
                + "letters and digits separated by one of '-._:@+', '--' or '/', such as 'latest' or '1.0'.");
        }

        CopyBlobs(directory, blobs, store);
        using (LayoutLock.Acquire(directory, lockTimeout))
        {
            EnsureLayoutFile(directory);
            OciLayoutIndex.AddManifest(directory, root, tag);
        }

        return root.Digest;
    }

    /// <summary>
    /// Checks an existing layout's "oci-layout" and index.json without changing them, so that a build fails
    /// before it writes any output rather than after writing some.
    /// </summary>
    internal static void ValidateExisting(string directory)
    {
        if (File.Exists(Path.Combine(directory, LayoutFileName)))
        {
            CheckLayoutFile(Path.Combine(directory, LayoutFileName));
        }

        OciLayoutIndex.Validate(directory);
    }

    private static void CopyBlobs(string directory, IEnumerable<Descriptor> blobs, BlobStore store)
    {
        var blobDirectory = Path.Combine(directory, "blobs", Digest.Algorithm);
        Directory.CreateDirectory(blobDirectory);
        foreach (var blob in blobs)
        {
            BlobCopier.CopyIfMissing(store, blob, Path.Combine(blobDirectory, blob.Digest.Hex));
        }
    }

    /// <summary>Writes the "oci-layout" file when missing, and checks its version when present.</summary>
    private static void EnsureLayoutFile(string directory)
    {
        var path = Path.Combine(directory, LayoutFileName);
        if (!File.Exists(path))
        {
            AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(new { imageLayoutVersion = LayoutVersion }));
            return;
        }

        CheckLayoutFile(path);
    }

    private static void CheckLayoutFile(string path)
    {
        string? version;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            version = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("imageLayoutVersion", out var property)
                && property.ValueKind == JsonValueKind.String
                    ? property.GetString()
                    : null;
        }
        catch (JsonException exception)
        {
            throw new InvalidOciLayoutException(path, "the file is not valid JSON", exception);
        }

        if (version != LayoutVersion)
        {
            throw new InvalidOciLayoutException(path,
                $"the imageLayoutVersion is '{version}', but Distill writes layouts of version {LayoutVersion}");
        }
    }
}
