using Distill.Content;

namespace Distill.Tests.Content;

public class FileTreeTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.UnixEpoch;

    private static FileEntry File(string path, string text = "x") =>
        SystemFiles.TextFile(path, text, Time);

    [Fact]
    public void ToEntries_AddsMissingParents()
    {
        var tree = new FileTree();
        tree.Add(File("usr/share/zoneinfo/UTC"));

        var entries = tree.ToEntries(Time);

        Assert.Equal(["usr", "usr/share", "usr/share/zoneinfo", "usr/share/zoneinfo/UTC"], entries.Select(e => e.Path));
        Assert.All(entries.Take(3), entry => Assert.Equal(FileType.Directory, entry.Type));
        Assert.All(entries.Take(3), entry => Assert.Equal(0b111_101_101, entry.Mode));
    }

    [Fact]
    public void ToEntries_SortsParentsBeforeChildren()
    {
        var tree = new FileTree();
        tree.Add(File("usr/lib/x"));
        tree.Add(File("usr/lib-extra"));
        tree.Add(new FileEntry("usr/lib", FileType.Directory, 0b111_101_101, 0, 0, Time));

        var paths = tree.ToEntries(Time).Select(entry => entry.Path).ToList();

        Assert.True(paths.IndexOf("usr/lib") < paths.IndexOf("usr/lib/x"));
    }

    [Fact]
    public void Add_KeepsFirstDirectory()
    {
        var tree = new FileTree();
        tree.Add(new FileEntry("tmp", FileType.Directory, 0b001_111_111_111, 0, 0, Time));
        tree.Add(new FileEntry("tmp", FileType.Directory, 0b111_101_101, 0, 0, Time));

        Assert.Equal(0b001_111_111_111, tree.Find("tmp")!.Mode);
    }

    [Fact]
    public void Add_ReplacesFile()
    {
        var tree = new FileTree();
        tree.Add(File("etc/a", "first"));
        tree.Add(File("etc/a", "second"));

        Assert.Equal(6, tree.Find("etc/a")!.Size);
    }

    [Fact]
    public void ToEntries_PutsHardlinkContentFirst()
    {
        var tree = new FileTree();
        tree.Add(File("usr/bin/zzz", "content"));
        tree.Add(new FileEntry("usr/bin/aaa", FileType.Hardlink, 0b111_101_101, 0, 0, Time) { LinkTarget = "usr/bin/zzz" });
        tree.Add(new FileEntry("usr/bin/mmm", FileType.Hardlink, 0b111_101_101, 0, 0, Time) { LinkTarget = "usr/bin/zzz" });

        var entries = tree.ToEntries(Time).Where(entry => entry.Path.StartsWith("usr/bin/")).ToList();

        Assert.Equal(FileType.RegularFile, entries[0].Type);
        Assert.Equal("usr/bin/aaa", entries[0].Path);
        Assert.Equal(7, entries[0].Size);
        Assert.Equal(FileType.Hardlink, entries[1].Type);
        Assert.Equal("usr/bin/aaa", entries[1].LinkTarget);
        Assert.Equal(FileType.Hardlink, entries[2].Type);
        Assert.Equal("usr/bin/zzz", entries[2].Path);
        Assert.Equal("usr/bin/aaa", entries[2].LinkTarget);
    }

    [Fact]
    public void ToEntries_RejectsHardlinkOutsideLayer()
    {
        var tree = new FileTree();
        tree.Add(new FileEntry("usr/bin/a", FileType.Hardlink, 0b111_101_101, 0, 0, Time) { LinkTarget = "usr/bin/b" });

        var error = Assert.Throws<DistillException>(() => tree.ToEntries(Time));

        Assert.Contains("usr/bin/b", error.Message);
    }
}
