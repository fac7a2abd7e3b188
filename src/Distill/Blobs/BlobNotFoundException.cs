namespace Distill.Blobs;

/// <summary>A blob that a blob store was expected to contain but does not.</summary>
public sealed class BlobNotFoundException(Digest digest, string storeRoot)
    : DistillException($"Blob {digest} not found in the blob store '{storeRoot}'. Build the image again with "
        + "the same blob store so that its layers and configs are written there.")
{
    public Digest Digest { get; } = digest;
}
