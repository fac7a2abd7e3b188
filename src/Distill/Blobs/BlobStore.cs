namespace Distill.Blobs;

/// <summary>
/// A content-addressed directory of blobs, stored as ROOT/sha256/HEX. Layers, image configs, manifests and
/// indexes are written here first, and outputs copy or link their blobs from here, so the store is also the
/// layer cache. Every blob is written to ROOT/tmp and renamed into place once its digest is known, so a blob
/// path never contains partial content, and several processes may share one store.
/// </summary>
public sealed class BlobStore
{
    private readonly string blobDirectory;

    private readonly string tempDirectory;

    /// <summary>Opens the store at <paramref name="root"/>, creating its directories when missing.</summary>
    public BlobStore(string root)
    {
        Root = Path.GetFullPath(root);
        blobDirectory = Path.Combine(Root, Digest.Algorithm);
        tempDirectory = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(blobDirectory);
        Directory.CreateDirectory(tempDirectory);
    }

    public string Root { get; }

    /// <summary>Returns the path where the blob with <paramref name="digest"/> is or would be stored.</summary>
    public string GetPath(Digest digest) => Path.Combine(blobDirectory, digest.Hex);

    public bool Contains(Digest digest) => File.Exists(GetPath(digest));

    /// <summary>Returns the path of a stored blob, or throws <see cref="BlobNotFoundException"/>.</summary>
    public string GetExistingPath(Digest digest)
    {
        var path = GetPath(digest);
        return File.Exists(path) ? path : throw new BlobNotFoundException(digest, Root);
    }

    /// <summary>Opens a stored blob for reading, or throws <see cref="BlobNotFoundException"/>.</summary>
    public Stream OpenRead(Digest digest) => File.OpenRead(GetExistingPath(digest));

    /// <summary>Stores <paramref name="content"/> unless a blob with its digest is present, and describes it.</summary>
    public Descriptor Add(string mediaType, ReadOnlySpan<byte> content)
    {
        var digest = Digest.Compute(content);
        if (!Contains(digest))
        {
            using var pending = CreatePendingBlob();
            pending.Stream.Write(content);
            pending.Commit(digest);
        }

        return new Descriptor(mediaType, digest, content.Length);
    }

    /// <summary>
    /// Creates a temporary file in the store for a blob whose digest is computed while it is written.
    /// <see cref="PendingBlob.Commit"/> moves it into place, and disposing it without a commit deletes it.
    /// </summary>
    public PendingBlob CreatePendingBlob() =>
        new(this, Path.Combine(tempDirectory, $"{Guid.NewGuid():N}.tmp"));
}
