using Distill.Blobs;

namespace Distill.Layers;

/// <summary>
/// A layer written to a blob store: the descriptor of its gzip-compressed blob, the diff ID (the digest of
/// the uncompressed tar) and its size, and the "created_by" text of the image config's history entry for it.
/// </summary>
public sealed record Layer(Descriptor Descriptor, Digest DiffId, long DiffSize, string CreatedBy)
{
    /// <summary>The digest of the compressed blob.</summary>
    public Digest Digest => Descriptor.Digest;

    /// <summary>The size of the compressed blob in bytes.</summary>
    public long Size => Descriptor.Size;
}
