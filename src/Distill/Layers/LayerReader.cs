using System.Formats.Tar;
using System.IO.Compression;
using Distill.Blobs;
using Distill.Content;

namespace Distill.Layers;

/// <summary>Reads a gzip-compressed layer blob back into the <see cref="FileEntry"/> list it stores.</summary>
public static class LayerReader
{
    /// <summary>
    /// Reads every entry of a layer, in tar order, with the content of regular files held in memory. Paths are
    /// root-relative as in <see cref="FileEntry"/>. Entries of other types (devices, FIFOs) are skipped.
    /// </summary>
    public static IReadOnlyList<FileEntry> Read(Layer layer, BlobStore store)
    {
        using var blob = store.OpenRead(layer.Digest);
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<FileEntry>();
        while (reader.GetNextEntry(copyData: false) is { } tarEntry)
        {
            if (ToFileEntry(tarEntry) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static FileEntry? ToFileEntry(TarEntry tarEntry)
    {
        var type = tarEntry.EntryType switch
        {
            TarEntryType.Directory => FileType.Directory,
            TarEntryType.RegularFile or TarEntryType.V7RegularFile => FileType.RegularFile,
            TarEntryType.SymbolicLink => FileType.Symlink,
            TarEntryType.HardLink => FileType.Hardlink,
            _ => (FileType?)null,
        };
        var path = Normalize(tarEntry.Name);
        if (type is null || path.Length == 0)
        {
            return null;
        }

        var entry = new FileEntry(path, type.Value, (int)tarEntry.Mode & LayerEntryValidator.MaxMode,
            tarEntry.Uid, tarEntry.Gid, tarEntry.ModificationTime);
        return type switch
        {
            FileType.Symlink => entry with { LinkTarget = tarEntry.LinkName },
            FileType.Hardlink => entry with { LinkTarget = Normalize(tarEntry.LinkName) },
            FileType.RegularFile => entry with { Content = ReadContent(tarEntry) },
            _ => entry,
        };
    }

    private static BytesContent ReadContent(TarEntry tarEntry)
    {
        if (tarEntry.DataStream is null)
        {
            return new BytesContent(Array.Empty<byte>());
        }

        using var copy = new MemoryStream();
        tarEntry.DataStream.CopyTo(copy);
        return new BytesContent(copy.ToArray());
    }

    private static string Normalize(string name)
    {
        var path = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        return path.Trim('/');
    }
}
