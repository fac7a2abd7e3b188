using System.Formats.Tar;
using System.Text;

namespace Distill.Tests.Support;

/// <summary>
/// Builds .deb files byte by byte with <see cref="TarWriter"/> and <see cref="ArArchiveBuilder"/>, for
/// the tar formats and malformed inputs that dpkg-deb does not produce.
/// </summary>
internal static class CraftedDeb
{
    public const string ControlText =
        "Package: crafted\nVersion: 1.0\nArchitecture: all\nMaintainer: Test <test@example.org>\n" +
        "Description: crafted test package\n";

    public static byte[] Tar(TarEntryFormat format, params TarEntry[] entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, format, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    public static PaxTarEntry File(string name, string content, UnixFileMode mode = DefaultFileMode)
    {
        return new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            Mode = mode,
            ModificationTime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
    }

    public static PaxTarEntry Link(TarEntryType type, string name, string target) =>
        new(type, name) { LinkName = target };

    public static byte[] ControlTar(string controlText = ControlText) =>
        Tar(TarEntryFormat.Pax, File("./control", controlText));

    /// <summary>Builds a .deb from a data.tar, with the standard debian-binary and control.tar members.</summary>
    public static byte[] Build(byte[] dataTar, string dataMemberName = "data.tar") => new ArArchiveBuilder()
        .Add("debian-binary", "2.0\n")
        .Add("control.tar", ControlTar())
        .Add(dataMemberName, dataTar)
        .ToArray();

    private const UnixFileMode DefaultFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
