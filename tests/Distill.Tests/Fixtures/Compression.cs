using System.IO.Compression;

namespace Distill.Tests.Fixtures;

/// <summary>The compression formats that Debian uses for .deb members and Packages indexes.</summary>
public enum CompressionFormat
{
    None,
    Gzip,
    Xz,
    Zstd,
}

/// <summary>Compresses bytes in the formats of <see cref="CompressionFormat"/>.</summary>
public static class Compression
{
    /// <summary>Returns the file name suffix of a format, such as ".xz", or "" for none.</summary>
    public static string FileSuffix(CompressionFormat format) => format switch
    {
        CompressionFormat.None => "",
        CompressionFormat.Gzip => ".gz",
        CompressionFormat.Xz => ".xz",
        CompressionFormat.Zstd => ".zst",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown compression format"),
    };

    /// <summary>
    /// Compresses <paramref name="data"/>. The output is deterministic: gzip headers carry no time or
    /// name, and xz runs single-threaded. Xz uses the xz command because neither .NET nor SharpCompress
    /// 0.50 can write xz.
    /// </summary>
    public static byte[] Compress(byte[] data, CompressionFormat format) => format switch
    {
        CompressionFormat.None => data,
        CompressionFormat.Gzip => CompressGzip(data),
        CompressionFormat.Xz => ExternalTool.RunChecked("xz", ["--compress", "--stdout", "-6", "--threads=1"], data)
            .StandardOutput,
        CompressionFormat.Zstd => new ZstdSharp.Compressor(19).Wrap(data).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown compression format"),
    };

    private static byte[] CompressGzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
