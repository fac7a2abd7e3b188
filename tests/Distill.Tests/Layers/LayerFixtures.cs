using System.Text;
using Distill.Content;

namespace Distill.Tests.Layers;

/// <summary>File entries that cover the hard cases of a layer tar.</summary>
public static class LayerFixtures
{
    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>A path of 149 bytes that fits ustar only with its prefix field.</summary>
    public static readonly string PrefixPath = "long/" + string.Join('/', Enumerable.Repeat("component-abcdef", 8))
        + "/file.txt";

    /// <summary>A path of more than 255 bytes, beyond ustar's name and prefix fields together.</summary>
    public static readonly string VeryLongPath = "deep/" + string.Join('/', Enumerable.Repeat("directory-name-xyz", 15))
        + "/file.txt";

    /// <summary>A single 150-byte file name, which ustar cannot split at a "/".</summary>
    public static readonly string LongFileName = "names/" + new string('n', 150);

    public static readonly string NonAsciiPath = "usr/share/ünïcödé/日本語.txt";

    public static readonly string LongSymlinkTarget = "/" + string.Join('/', Enumerable.Repeat("target-dir", 12))
        + "/target";

    public const int LargeId = 3_000_000;

    public static FileEntry DirectoryEntry(string path, int mode = 0b111_101_101) =>
        new(path, FileType.Directory, mode, 0, 0, Time);

    public static FileEntry RegularFile(string path, string content, int mode = 0b110_100_100, int uid = 0, int gid = 0) =>
        RegularFile(path, Encoding.UTF8.GetBytes(content), mode, uid, gid);

    public static FileEntry RegularFile(string path, byte[] content, int mode = 0b110_100_100, int uid = 0, int gid = 0) =>
        new(path, FileType.RegularFile, mode, uid, gid, Time) { Content = new BytesContent(content) };

    public static FileEntry Symlink(string path, string target) =>
        new(path, FileType.Symlink, 0b111_111_111, 0, 0, Time) { LinkTarget = target };

    public static FileEntry Hardlink(string path, string target) =>
        new(path, FileType.Hardlink, 0b110_100_100, 0, 0, Time) { LinkTarget = target };

    /// <summary>Entries with long and non-ASCII paths, links, special modes, owners and an empty file.</summary>
    public static IReadOnlyList<FileEntry> EdgeCases() =>
    [
        DirectoryEntry("usr"),
        DirectoryEntry("usr/bin"),
        RegularFile("usr/bin/tool", "#!/bin/sh\necho tool\n", mode: 0b111_101_101),
        Hardlink("usr/bin/tool-link", "usr/bin/tool"),
        Symlink("usr/bin/sh", "dash"),
        RegularFile("usr/bin/su", "setuid", mode: 0b100_111_101_101),
        RegularFile("usr/bin/wall", "setgid", mode: 0b010_111_101_101),
        DirectoryEntry("tmp", mode: 0b001_111_111_111),
        DirectoryEntry("home/user", mode: 0b111_000_000) with { Uid = 1000, Gid = 1000 },
        RegularFile("home/user/owned", "owned by 1000", uid: 1000, gid: 1000),
        RegularFile("home/user/large-id", "owned by a large id", uid: LargeId, gid: LargeId),
        new FileEntry("empty", FileType.RegularFile, 0b110_100_100, 0, 0, Time),
        RegularFile(PrefixPath, "prefix"),
        RegularFile(VeryLongPath, "very long"),
        RegularFile(LongFileName, "long file name"),
        RegularFile(NonAsciiPath, "non-ASCII"),
        Symlink("long-link", LongSymlinkTarget),
        Hardlink("deep/link-to-long", VeryLongPath),
    ];
}
