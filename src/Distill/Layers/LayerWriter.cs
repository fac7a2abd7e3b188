using System.IO.Compression;
using Distill.Blobs;
using Distill.Content;

namespace Distill.Layers;

/// <summary>Writes layers as gzip-compressed tar blobs into a <see cref="BlobStore"/>.</summary>
public static class LayerWriter
{
    /// <summary>
    /// The fixed gzip level. Changing it changes every layer digest.
    /// </summary>
    /// <remarks>
    /// NOTE: the compressed bytes also depend on the zlib build that .NET ships, so a different .NET version
    /// may give a different blob digest for the same entries. The diff ID does not depend on it.
    /// </remarks>
    public const CompressionLevel GzipLevel = CompressionLevel.Optimal;

    /// <summary>
    /// Writes <paramref name="entries"/>, in order, into a new layer blob in <paramref name="store"/>. The
    /// tar is compressed while it is written, and the diff ID, the blob digest and both sizes are computed in
    /// the same pass. Throws <see cref="InvalidLayerEntryException"/> for an entry that cannot be stored, and
    /// then stores nothing.
    /// </summary>
    public static Layer Write(IEnumerable<FileEntry> entries, string createdBy, BlobStore store)
    {
        using var pending = store.CreatePendingBlob();
        using var blobStream = new DigestStream(pending.Stream, leaveOpen: true);

        Digest diffId;
        long diffSize;
        using (var gzip = new GZipStream(blobStream, GzipLevel, leaveOpen: true))
        using (var tarStream = new DigestStream(gzip, leaveOpen: true))
        {
            LayerTarWriter.Write(entries, tarStream);
            diffId = tarStream.GetDigest();
            diffSize = tarStream.BytesWritten;
        }

        var digest = blobStream.GetDigest();
        pending.Commit(digest);
        var descriptor = new Descriptor(MediaTypes.ImageLayerGzip, digest, blobStream.BytesWritten);
        return new Layer(descriptor, diffId, diffSize, createdBy);
    }
}
