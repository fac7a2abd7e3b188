using System.Security.Cryptography;

namespace Distill.Blobs;

/// <summary>
/// A write-only stream that passes every byte on to an inner stream while it computes their SHA-256 digest
/// and counts them, so that a blob is digested in the same pass that writes it.
/// </summary>
internal sealed class DigestStream(Stream inner, bool leaveOpen) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private Digest? digest;

    /// <summary>The number of bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException("A digest stream is written from start to end without seeking.");
    }

    /// <summary>Finishes the hash. Call it once, after the last write.</summary>
    public Digest GetDigest()
    {
        digest ??= Digest.FromHash(hash.GetHashAndReset());
        return digest.Value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (digest is not null)
        {
            throw new InvalidOperationException("The digest was already computed, so no more bytes can be written.");
        }

        hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        inner.Write(buffer);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
