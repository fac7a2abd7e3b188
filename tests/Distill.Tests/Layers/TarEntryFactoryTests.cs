using System.Formats.Tar;
using Distill.Content;
using Distill.Layers;
using Xunit;
using static Distill.Tests.Layers.LayerFixtures;

namespace Distill.Tests.Layers;

public sealed class TarEntryFactoryTests
{
    [Fact]
    public void UstarNameBoundariesReadBack()
    {
        var entries = new List<FileEntry>();
        foreach (var directoryLength in new[] { 1, 54, 99, 100, 101, 154, 155, 156, 157 })
        {
            foreach (var nameLength in new[] { 1, 45, 99, 100, 101 })
            {
                var directory = $"{directoryLength}-{nameLength}-".PadRight(directoryLength, 'd')[..directoryLength];
                var path = $"{directory}/{new string('f', nameLength)}";
                entries.Add(RegularFile(path, path));
                entries.Add(DirectoryEntry(path + "-dir"));
            }
        }

        using var tar = new MemoryStream();
        LayerTarWriter.Write(entries, tar);
        tar.Position = 0;
        var read = LayerReader.Read(tar);

        Assert.Equal(entries.Count, read.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var expectedName = entries[i].Type == FileType.Directory ? entries[i].Path + "/" : entries[i].Path;
            var expectedFormat = TarEntryFactory.FitsUstarName(expectedName) ? TarEntryFormat.Ustar : TarEntryFormat.Gnu;
            Assert.Equal(expectedName, read[i].Entry.Name);
            Assert.Equal(expectedFormat, read[i].Entry.Format);
        }
    }

    [Fact]
    public void FileOver8GiBUsesGnuBase256Size()
    {
        const long size = (8L << 30) + 1;
        var entry = new FileEntry("huge", FileType.RegularFile, 0b110_100_100, 0, 0, Time)
        {
            Content = new ZeroContent(size),
        };
        var output = new HeaderCapturingStream();

        LayerTarWriter.Write([entry], output);

        var header = output.Header;
        Assert.Equal("ustar  \0"u8.ToArray(), header[257..265]);
        Assert.Equal(0x80, header[124]);
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(128, 8)));
        Assert.Equal(512 + ((size + 511) / 512 * 512) + 1024, output.Length);
    }

    /// <summary>Content of the given number of zero bytes, produced without allocating it.</summary>
    private sealed class ZeroContent(long length) : IFileContent
    {
        public long Length => length;

        public Stream Open() => new ZeroStream(length);
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - position);
            buffer[..count].Clear();
            position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An unseekable output that keeps the first 512 bytes and counts the rest.</summary>
    private sealed class HeaderCapturingStream : Stream
    {
        private long length;

        public byte[] Header { get; } = new byte[512];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (length < Header.Length)
            {
                var count = (int)Math.Min(buffer.Length, Header.Length - length);
                buffer[..count].CopyTo(Header.AsSpan((int)length));
            }

            length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
