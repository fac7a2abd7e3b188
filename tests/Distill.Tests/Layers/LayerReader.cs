using System.Formats.Tar;
using System.IO.Compression;
using Distill.Blobs;
using Distill.Layers;

namespace Distill.Tests.Layers;

/// <summary>Reads a layer blob back with System.Formats.Tar.</summary>
public static class LayerReader
{
    public sealed record ReadEntry(TarEntry Entry, byte[] Content);

    public static List<ReadEntry> Read(Layer layer, BlobStore store)
    {
        using var blob = store.OpenRead(layer.Digest);
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        return Read(gzip);
    }

    public static List<ReadEntry> Read(Stream tar)
    {
        var entries = new List<ReadEntry>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add(new ReadEntry(entry, content.ToArray()));
        }

        return entries;
    }

    public static byte[] Decompress(Layer layer, BlobStore store)
    {
        using var blob = store.OpenRead(layer.Digest);
        using var gzip = new GZipStream(blob, CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }
}
