namespace Distill.Elf;

/// <summary>Random access to the bytes of an ELF file, so that a parser reads only the parts it needs.</summary>
internal interface IElfSource
{
    long Length { get; }

    /// <summary>Copies bytes at an offset into the destination, which the caller keeps within Length.</summary>
    void Read(long offset, scoped Span<byte> destination);
}

internal readonly ref struct SpanSource(ReadOnlySpan<byte> bytes) : IElfSource
{
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public long Length => bytes.Length;

    public void Read(long offset, scoped Span<byte> destination) =>
        bytes.Slice((int)offset, destination.Length).CopyTo(destination);
}

internal readonly struct StreamSource(Stream stream) : IElfSource
{
    public long Length { get; } = stream.Length;

    public void Read(long offset, scoped Span<byte> destination)
    {
        stream.Position = offset;
        stream.ReadExactly(destination);
    }
}
