using System.Globalization;
using System.Text;

namespace Distill.Debian.Packages;

/// <summary>
/// Reads the members of a Unix ar archive, the container format of a .deb, front to back without
/// seeking. Each member's header is 60 bytes: name (16), mtime (12), uid (6), gid (6), mode (8),
/// decimal size (10) and the magic "`\n". Member data is padded with '\n' to an even length.
/// </summary>
internal sealed class ArArchiveReader
{
    private const string GlobalHeader = "!<arch>\n";
    private const int MemberHeaderLength = 60;

    private readonly Stream archive;
    private readonly string packageFile;
    private ArMemberStream? current;
    private bool started;

    public ArArchiveReader(Stream archive, string packageFile)
    {
        this.archive = archive;
        this.packageFile = packageFile;
    }

    /// <summary>
    /// Skips what is left of the previous member and reads the next member's header. Returns null at
    /// the end of the archive.
    /// </summary>
    public ArMember? ReadNextMember()
    {
        if (!started)
        {
            ReadGlobalHeader();
            started = true;
        }

        if (current is not null)
        {
            current.SkipToEnd();
            SkipPadding(current.Length);
            current = null;
        }

        var header = new byte[MemberHeaderLength];
        var headerRead = archive.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (headerRead == 0)
        {
            return null;
        }

        if (headerRead < header.Length)
        {
            throw new InvalidDebException(packageFile, "the archive ends inside an ar member header (truncated)");
        }

        var (name, size) = ParseMemberHeader(header);
        current = new ArMemberStream(archive, size, packageFile, name);
        return new ArMember(name, size, current);
    }

    private void ReadGlobalHeader()
    {
        var expected = Encoding.ASCII.GetBytes(GlobalHeader);
        var header = new byte[expected.Length];
        var read = archive.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length || !header.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDebException(packageFile, "not an ar archive (missing the \"!<arch>\" header)");
        }
    }

    private (string Name, long Size) ParseMemberHeader(byte[] header)
    {
        if (header[58] != (byte)'`' || header[59] != (byte)'\n')
        {
            throw new InvalidDebException(packageFile, "invalid ar member header (missing the \"`\\n\" magic)");
        }

        // GNU ar ends short names with '/', and dpkg-deb pads them with spaces. Both are accepted.
        var name = Encoding.ASCII.GetString(header, 0, 16).TrimEnd(' ').TrimEnd('/');
        var sizeText = Encoding.ASCII.GetString(header, 48, 10).TrimEnd(' ');
        var isValidSize = long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size);
        if (!isValidSize)
        {
            throw new InvalidDebException(packageFile, $"ar member '{name}' has an invalid size '{sizeText}'");
        }

        return (name, size);
    }

    private void SkipPadding(long memberLength)
    {
        if (memberLength % 2 == 0)
        {
            return;
        }

        // The last member may omit its padding byte, so the end of the archive is accepted here.
        archive.ReadAtLeast(new byte[1], 1, throwOnEndOfStream: false);
    }
}

/// <summary>One member of an ar archive. <see cref="Content"/> is readable until the next member is read.</summary>
internal sealed record ArMember(string Name, long Size, Stream Content);
