namespace Distill.Debian.Packages;

/// <summary>
/// A read-only view of one ar member's data inside the archive stream. Reading past the member's end
/// returns 0. An archive that ends before the member does raises <see cref="InvalidDebException"/>.
/// </summary>
internal sealed class ArMemberStream : Stream
{
    private readonly Stream archive;
    private readonly long length;
    private readonly string packageFile;
    private readonly string memberName;
    private long position;

    public ArMemberStream(Stream archive, long length, string packageFile, string memberName)
    {
        this.archive = archive;
        this.length = length;
        this.packageFile = packageFile;
        this.memberName = memberName;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = length - position;
        if (remaining == 0 || buffer.Length == 0)
        {
            return 0;
        }

        var limit = (int)Math.Min(buffer.Length, remaining);
        var read = archive.Read(buffer[..limit]);
        if (read == 0)
        {
            throw new InvalidDebException(
                packageFile,
                $"the archive ends inside member '{memberName}' after {position} of {length} bytes (truncated)");
        }

        position += read;
        return read;
    }

    /// <summary>Reads and discards the rest of the member, so the archive is positioned at the next header.</summary>
    public void SkipToEnd()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
