using System.Formats.Tar;
using Distill.Content;

namespace Distill.Layers;

/// <summary>Writes file entries, in the given order, as an uncompressed tar.</summary>
internal static class LayerTarWriter
{
    /// <summary>The two zero blocks that end a tar archive.</summary>
    private const int EndOfArchiveLength = 1024;

    /// <summary>
    /// Validates and writes each entry, then the end-of-archive blocks. <paramref name="output"/> may be
    /// unseekable, and it is left open.
    /// </summary>
    public static void Write(IEnumerable<FileEntry> entries, Stream output)
    {
        var validator = new LayerEntryValidator();
        var entryCount = 0;
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                validator.Validate(entry);
                WriteEntry(writer, entry);
                entryCount++;
            }
        }

        // TarWriter writes the end-of-archive blocks only after an entry, but an empty layer is still a tar.
        if (entryCount == 0)
        {
            output.Write(new byte[EndOfArchiveLength]);
        }
    }

    private static void WriteEntry(TarWriter writer, FileEntry entry)
    {
        if (entry.Type != FileType.RegularFile || entry.Content is null)
        {
            writer.WriteEntry(TarEntryFactory.Create(entry, size: 0));
            return;
        }

        using var data = OpenSeekable(entry.Content);
        var size = data.Length;
        if (size != entry.Content.Length)
        {
            throw new InvalidLayerEntryException(entry.Path, $"its content has {size} bytes, but its length is "
                + $"given as {entry.Content.Length}. Make sure the file does not change while the layer is written");
        }

        var tarEntry = TarEntryFactory.Create(entry, size);
        tarEntry.DataStream = data;
        writer.WriteEntry(tarEntry);
    }

    /// <summary>
    /// Opens the content as a seekable stream positioned at 0, because the tar header stores the size before
    /// the data and the output stream cannot seek back to fill it in. Unseekable content is copied to a
    /// temporary file first.
    /// </summary>
    private static Stream OpenSeekable(IFileContent content)
    {
        var stream = content.Open();
        if (stream.CanSeek)
        {
            return stream;
        }

        using (stream)
        {
            var buffer = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None,
                bufferSize: 1 << 16, FileOptions.DeleteOnClose);
            stream.CopyTo(buffer);
            buffer.Position = 0;
            return buffer;
        }
    }
}
