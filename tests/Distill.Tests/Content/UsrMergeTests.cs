using Distill.Content;

namespace Distill.Tests.Content;

public class UsrMergeTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData("lib/x86_64-linux-gnu/libc.so.6", "usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("bin/busybox", "usr/bin/busybox")]
    [InlineData("sbin/ldconfig", "usr/sbin/ldconfig")]
    [InlineData("lib64/ld-linux-x86-64.so.2", "usr/lib64/ld-linux-x86-64.so.2")]
    [InlineData("usr/lib/os-release", "usr/lib/os-release")]
    [InlineData("library/file", "library/file")]
    [InlineData("etc/passwd", "etc/passwd")]
    public void Canonicalize_MovesAliasedPaths(string path, string expected)
    {
        Assert.Equal(expected, UsrMerge.Canonicalize(path));
    }

    [Fact]
    public void Normalize_DropsDirectoryAtAlias()
    {
        var directory = new FileEntry("lib", FileType.Directory, 0b111_101_101, 0, 0, Time);

        Assert.Null(UsrMerge.Normalize(directory));
    }

    [Fact]
    public void Normalize_KeepsAliasSymlink()
    {
        var link = new FileEntry("lib64", FileType.Symlink, 0b111_111_111, 0, 0, Time) { LinkTarget = "usr/lib64" };

        Assert.Same(link, UsrMerge.Normalize(link));
    }

    [Fact]
    public void Normalize_RewritesRelativeSymlinkThatMoves()
    {
        var link = new FileEntry("lib/x86_64-linux-gnu/libfoo.so", FileType.Symlink, 0b111_111_111, 0, 0, Time)
        {
            LinkTarget = "../../usr/lib/x86_64-linux-gnu/libfoo.so.1",
        };

        var moved = UsrMerge.Normalize(link)!;

        Assert.Equal("usr/lib/x86_64-linux-gnu/libfoo.so", moved.Path);
        Assert.Equal("libfoo.so.1", moved.LinkTarget);
    }

    [Fact]
    public void Normalize_KeepsSiblingRelativeSymlink()
    {
        var link = new FileEntry("lib/x86_64-linux-gnu/libz.so.1", FileType.Symlink, 0b111_111_111, 0, 0, Time)
        {
            LinkTarget = "libz.so.1.2.13",
        };

        Assert.Equal("libz.so.1.2.13", UsrMerge.Normalize(link)!.LinkTarget);
    }

    [Fact]
    public void Normalize_KeepsAbsoluteSymlinkTarget()
    {
        var link = new FileEntry("lib64/ld-linux-x86-64.so.2", FileType.Symlink, 0b111_111_111, 0, 0, Time)
        {
            LinkTarget = "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        };

        var moved = UsrMerge.Normalize(link)!;

        Assert.Equal("usr/lib64/ld-linux-x86-64.so.2", moved.Path);
        Assert.Equal("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", moved.LinkTarget);
    }

    [Fact]
    public void Normalize_MovesHardlinkTarget()
    {
        var link = new FileEntry("bin/gunzip", FileType.Hardlink, 0b111_101_101, 0, 0, Time) { LinkTarget = "bin/gzip" };

        var moved = UsrMerge.Normalize(link)!;

        Assert.Equal("usr/bin/gunzip", moved.Path);
        Assert.Equal("usr/bin/gzip", moved.LinkTarget);
    }

    [Theory]
    [InlineData("amd64", "bin,lib,lib64,sbin")]
    [InlineData("arm64", "bin,lib,sbin")]
    public void LinksFor_ListsDebianAliases(string architecture, string expected)
    {
        Assert.Equal(expected, string.Join(',', UsrMerge.LinksFor(architecture)));
    }
}
