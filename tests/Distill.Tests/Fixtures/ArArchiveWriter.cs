using System.Globalization;
using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Writes the common ar format that .deb files use: the "!&lt;arch&gt;\n" magic, then for each member a
/// 60-byte header (name, mtime, uid, gid, octal mode, size, "`\n") and the data padded to an even length
/// with "\n". Names are written without the trailing "/" of GNU ar, as dpkg-deb does.
/// </summary>
public sealed class ArArchiveWriter
{
    private const int HeaderLength = 60;
    private readonly MemoryStream output = new();

    public ArArchiveWriter()
    {
        output.Write("!<arch>\n"u8);
    }

    public void AddMember(string name, byte[] data, DateTimeOffset modificationTime, int mode = 0b110_100_100)
    {
        if (name.Length > 16 || name.Contains('/') || name.Contains(' '))
        {
            throw new ArgumentException($"ar member name '{name}' must be at most 16 characters without '/' or spaces");
        }

        var header = string.Create(CultureInfo.InvariantCulture,
            $"{name,-16}{modificationTime.ToUnixTimeSeconds(),-12}{0,-6}{0,-6}"
            + $"{Convert.ToString(mode, 8),-8}{data.Length,-10}`\n");
        if (header.Length != HeaderLength)
        {
            throw new InvalidOperationException(
                $"ar header for '{name}' is {header.Length} bytes instead of {HeaderLength}");
        }

        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(data);
        if (data.Length % 2 == 1)
        {
            output.WriteByte((byte)'\n');
        }
    }

    public byte[] ToArray() => output.ToArray();
}
