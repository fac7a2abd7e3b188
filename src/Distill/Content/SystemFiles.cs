using System.Text;

namespace Distill.Content;

/// <summary>
/// The files and directories that maintainer scripts or an installer would create on a Debian system
/// and that programs in a distroless image expect: accounts, name-service switch, home directories.
/// </summary>
public static class SystemFiles
{
    /// <summary>
    /// The name-service switch configuration. Only the "files" and "dns" sources are listed, because the
    /// image has no libnss modules for any other.
    /// </summary>
    public const string NsswitchConf =
        "passwd:         files\n" +
        "group:          files\n" +
        "shadow:         files\n" +
        "gshadow:        files\n" +
        "\n" +
        "hosts:          files dns\n" +
        "networks:       files\n" +
        "\n" +
        "protocols:      files\n" +
        "services:       files\n" +
        "ethers:         files\n" +
        "rpc:            files\n";

    /// <summary>Adds accounts, nsswitch.conf and the directories every image needs.</summary>
    public static void AddTo(FileTree tree, DateTimeOffset time)
    {
        tree.Set(TextFile("etc/passwd", Accounts.FormatPasswd(Accounts.Users), time));
        tree.Set(TextFile("etc/group", Accounts.FormatGroup(Accounts.Groups), time));
        tree.Set(TextFile("etc/nsswitch.conf", NsswitchConf, time));

        tree.Set(Directory("tmp", 0b001_111_111_111, 0, time));
        tree.Set(Directory("root", 0b111_000_000, 0, time));
        tree.Set(Directory("home", 0b111_101_101, 0, time));
        tree.Set(Directory("home/nonroot", 0b111_000_000, Accounts.NonrootId, time));
    }

    public static FileEntry TextFile(string path, string text, DateTimeOffset time, int mode = 0b110_100_100) =>
        new(path, FileType.RegularFile, mode, 0, 0, time)
        {
            Content = new BytesContent(Encoding.UTF8.GetBytes(text)),
        };

    public static FileEntry Directory(string path, int mode, int owner, DateTimeOffset time) =>
        new(path, FileType.Directory, mode, owner, owner, time);

    public static FileEntry Symlink(string path, string target, DateTimeOffset time) =>
        new(path, FileType.Symlink, 0b111_111_111, 0, 0, time) { LinkTarget = target };
}
