using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Distill.Debian.Packages;

/// <summary>
/// Opens the decompressed content of a .deb member such as "data.tar.xz" by the suffix after its base
/// name: none, ".gz" (gzip), ".xz" or ".zst" (zstd). Other suffixes raise <see cref="InvalidDebException"/>.
/// </summary>
internal static class MemberDecompression
{
    public static Stream Open(ArMember member, string baseName, string packageFile)
    {
        var suffix = member.Name[baseName.Length..];
        return suffix switch
        {
            "" => member.Content,
            ".gz" => new GZipStream(member.Content, CompressionMode.Decompress, leaveOpen: true),
            ".xz" => new XZStream(member.Content),
            ".zst" => new DecompressionStream(member.Content, leaveOpen: true),
            ".bz2" => throw Unsupported(member, "bzip2", packageFile),
            ".lzma" => throw Unsupported(member, "lzma", packageFile),
            _ => throw new InvalidDebException(
                packageFile,
                $"member '{member.Name}' has an unknown compression suffix '{suffix}' " +
                "(expected none, .gz, .xz or .zst)"),
        };
    }

    private static InvalidDebException Unsupported(ArMember member, string compression, string packageFile) => new(
        packageFile,
        $"member '{member.Name}' uses {compression} compression, which Distill does not support " +
        "(supported: none, gzip, xz, zstd); repack the package with 'dpkg-deb -Z xz'");
}
