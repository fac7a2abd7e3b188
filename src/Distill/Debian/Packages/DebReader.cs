using System.Text;

namespace Distill.Debian.Packages;

/// <summary>
/// Reads a binary package (.deb, format 2.0 as described in deb(5)) in one forward pass: the ar members
/// debian-binary, control.tar and data.tar, each decompressed once while it is read. Members whose names
/// start with '_' are skipped, and members after data.tar are not read.
/// </summary>
public static class DebReader
{
    private const string FormatVersionMember = "debian-binary";
    private const string ControlMember = "control.tar";
    private const string DataMember = "data.tar";
    private const int MaxFormatVersionLength = 1024;

    public static DebPackage Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a .deb from a stream that need not be seekable. <paramref name="packageFile"/> names the
    /// package in error messages.
    /// </summary>
    public static DebPackage Read(Stream stream, string packageFile)
    {
        var archive = new ArArchiveReader(stream, packageFile);

        var version = archive.ReadNextMember();
        if (version is null || version.Name != FormatVersionMember)
        {
            var found = version is null ? "an empty archive" : $"'{version.Name}'";
            throw new InvalidDebException(
                packageFile, $"the first member must be '{FormatVersionMember}', found {found}");
        }

        CheckFormatVersion(version, packageFile);

        var control = ReadMember(archive, ControlMember, packageFile, ControlTarReader.ReadMembers);
        var files = ReadMember(archive, DataMember, packageFile, DataTarReader.ReadEntries);
        return new DebPackage(
            packageFile, control.Control, control.Md5Sums, control.Conffiles, control.MaintainerScripts, files);
    }

    private static void CheckFormatVersion(ArMember member, string packageFile)
    {
        if (member.Size > MaxFormatVersionLength)
        {
            throw new InvalidDebException(
                packageFile, $"member '{FormatVersionMember}' is {member.Size} bytes, expected a few");
        }

        using var reader = new StreamReader(member.Content, Encoding.ASCII);
        var version = reader.ReadToEnd().TrimEnd('\n');
        if (!version.StartsWith("2.", StringComparison.Ordinal))
        {
            throw new InvalidDebException(
                packageFile, $"unsupported .deb format version '{version}' (Distill reads format 2.x)");
        }
    }

    /// <summary>
    /// Reads the next member that does not start with '_', which must be <paramref name="baseName"/>
    /// with an optional compression suffix, and passes its decompressed tar to <paramref name="read"/>.
    /// </summary>
    private static T ReadMember<T>(
        ArArchiveReader archive, string baseName, string packageFile, Func<Stream, string, T> read)
    {
        var member = archive.ReadNextMember();
        while (member is not null && member.Name.StartsWith('_'))
        {
            member = archive.ReadNextMember();
        }

        if (member is null)
        {
            throw new InvalidDebException(packageFile, $"member '{baseName}' is missing");
        }

        if (!member.Name.StartsWith(baseName, StringComparison.Ordinal))
        {
            throw new InvalidDebException(
                packageFile, $"expected member '{baseName}' (optionally compressed), found '{member.Name}'");
        }

        try
        {
            using var tar = MemberDecompression.Open(member, baseName, packageFile);
            var result = read(tar, packageFile);

            // Reading to the end checks the compressed stream's trailer and detects truncation after the
            // tar end-of-archive marker.
            tar.CopyTo(Stream.Null);
            return result;
        }
        catch (Exception exception) when (IsCorruptDataError(exception))
        {
            throw new InvalidDebException(
                packageFile, $"member '{member.Name}' is corrupt: {exception.Message}", exception);
        }
    }

    /// <summary>Identifies the exceptions that tar reading and the decompressors raise for bad input.</summary>
    private static bool IsCorruptDataError(Exception exception) => exception
        is InvalidDataException
        or EndOfStreamException
        or FormatException
        or ZstdSharp.ZstdException
        or SharpCompress.Common.SharpCompressException;
}
