using Distill.Blobs;

namespace Distill.Copying;

/// <summary>Copies blobs into a <see cref="BlobStore"/>, checking their digest and size as they stream in.</summary>
internal static class BlobImport
{
    /// <summary>
    /// Stores the blob unless the store has it. Throws <see cref="BlobDigestMismatchException"/> when the
    /// bytes read do not match the descriptor; nothing is stored then.
    /// </summary>
    public static async Task StoreAsync(BlobStore store, Descriptor blob, Func<CancellationToken, Task<Stream>> open,
        string source, CancellationToken cancellationToken)
    {
        if (store.Contains(blob.Digest))
        {
            return;
        }

        await using var content = await open(cancellationToken);
        var (digest, size) = await WriteAsync(store, content, cancellationToken, commitIf: (digest, size) =>
            digest == blob.Digest && size == blob.Size);
        if (digest != blob.Digest || size != blob.Size)
        {
            throw new BlobDigestMismatchException(source, blob, digest, size);
        }
    }

    /// <summary>Writes a stream to the store and returns its digest and size, committing it when allowed.</summary>
    public static async Task<(Digest Digest, long Size)> WriteAsync(BlobStore store, Stream content,
        CancellationToken cancellationToken, Func<Digest, long, bool>? commitIf = null)
    {
        using var pending = store.CreatePendingBlob();
        var hashing = new DigestStream(pending.Stream, leaveOpen: true);
        await content.CopyToAsync(hashing, cancellationToken);
        var digest = hashing.GetDigest();
        var size = hashing.BytesWritten;
        if (commitIf is null || commitIf(digest, size))
        {
            pending.Commit(digest);
        }

        return (digest, size);
    }
}
