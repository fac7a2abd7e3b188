using System.Text;
using Distill.Content;

namespace Distill.Tests.Elf;

/// <summary>Builds layer entries for in-memory image filesystems.</summary>
internal static class ImageTree
{
    private static readonly DateTimeOffset Time = DateTimeOffset.UnixEpoch;

    public static FileEntry File(string path, string text = "") => File(path, Encoding.UTF8.GetBytes(text));

    public static FileEntry File(string path, byte[] bytes) =>
        new(path, FileType.RegularFile, 0b111_101_101, 0, 0, Time) { Content = new BytesContent(bytes) };

    public static FileEntry HostFile(string path, string hostPath) =>
        new(path, FileType.RegularFile, 0b111_101_101, 0, 0, Time) { Content = new HostFileContent(hostPath) };

    public static FileEntry Symlink(string path, string target) =>
        new(path, FileType.Symlink, 0b111_111_111, 0, 0, Time) { LinkTarget = target };

    public static FileEntry Hardlink(string path, string target) =>
        new(path, FileType.Hardlink, 0b111_101_101, 0, 0, Time) { LinkTarget = target };

    public static FileEntry Directory(string path) => new(path, FileType.Directory, 0b111_101_101, 0, 0, Time);

    /// <summary>The merged-/usr aliases of Debian 13 on amd64: bin, lib, lib64 and sbin into /usr.</summary>
    public static IEnumerable<FileEntry> UsrMergeLinks() =>
        UsrMerge.LinksFor("amd64").Select(alias => Symlink(alias, "usr/" + alias));
}
