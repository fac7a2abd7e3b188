using Distill.Content;
using Distill.Elf;
using static Distill.Tests.Elf.ImageTree;

namespace Distill.Tests.Elf;

public sealed class LayeredImageFileSystemTests
{
    private static readonly FileEntry[] Base =
    [
        .. UsrMergeLinks(),
        File("usr/lib/x86_64-linux-gnu/libc.so.6", "libc"),
        Symlink("usr/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
        File("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "ld"),
        Symlink("usr/lib/x86_64-linux-gnu/libz.so.1", "libz.so.1.3"),
        File("usr/lib/x86_64-linux-gnu/libz.so.1.3", "zlib"),
        Hardlink("usr/bin/sh", "usr/bin/dash"),
        File("usr/bin/dash", "dash"),
    ];

    [Theory]
    [InlineData("/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/lib64/ld-linux-x86-64.so.2", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1.3")]
    [InlineData("/lib/x86_64-linux-gnu/../x86_64-linux-gnu/./libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/lib64/../lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/bin/sh", "/usr/bin/sh")]
    public void Find_ThroughSymlinks_ReturnsRealPath(string path, string realPath)
    {
        var file = new LayeredImageFileSystem(Base).Find(path);

        Assert.NotNull(file);
        Assert.Equal(realPath, file.Path);
        Assert.True(file.IsRegularFile);
    }

    [Fact]
    public void Find_Hardlink_ReturnsTargetContent()
    {
        var file = new LayeredImageFileSystem(Base).Find("/bin/sh");

        Assert.NotNull(file);
        Assert.Equal("usr/bin/dash", file.Entry.Path);
        Assert.Equal(4, file.Entry.Size);
    }

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libm.so.6")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libc.so.6/x")]
    [InlineData("/etc/passwd")]
    public void Find_MissingPath_ReturnsNull(string path)
    {
        Assert.Null(new LayeredImageFileSystem(Base).Find(path));
    }

    [Fact]
    public void Find_ImplicitDirectory_IsDirectory()
    {
        var file = new LayeredImageFileSystem(Base).Find("/lib/x86_64-linux-gnu");

        Assert.NotNull(file);
        Assert.True(file.IsDirectory);
        Assert.Equal("/usr/lib/x86_64-linux-gnu", file.Path);
    }

    [Fact]
    public void Find_SymlinkLoop_RaisesWithLinks()
    {
        var fileSystem = new LayeredImageFileSystem(
        [
            Symlink("usr/lib/libloop.so.1", "libloop.so.2"),
            Symlink("usr/lib/libloop.so.2", "/usr/lib/libloop.so.1"),
        ]);

        var error = Assert.Throws<SymlinkLoopException>(() => fileSystem.Find("/usr/lib/libloop.so.1"));

        Assert.Equal("/usr/lib/libloop.so.1", error.Path);
        Assert.Equal(["/usr/lib/libloop.so.1 -> libloop.so.2", "/usr/lib/libloop.so.2 -> /usr/lib/libloop.so.1"],
            error.Links);
        Assert.Contains("more than 40 symbolic links", error.Message);
    }

    [Fact]
    public void Find_UpperLayer_OverridesLower()
    {
        var upper = new[] { File("usr/lib/x86_64-linux-gnu/libc.so.6", "new libc") };

        var file = new LayeredImageFileSystem(Base, upper).Find("/lib/x86_64-linux-gnu/libc.so.6");

        Assert.NotNull(file);
        Assert.Equal(8, file.Entry.Size);
    }

    [Fact]
    public void Find_Whiteout_HidesLowerFile()
    {
        var upper = new[] { File("usr/lib/x86_64-linux-gnu/.wh.libc.so.6") };

        var fileSystem = new LayeredImageFileSystem(Base, upper);

        Assert.Null(fileSystem.Find("/usr/lib/x86_64-linux-gnu/libc.so.6"));
        Assert.NotNull(fileSystem.Find("/usr/lib/x86_64-linux-gnu/libz.so.1"));
    }

    [Fact]
    public void Find_OpaqueWhiteout_HidesLowerDirectory()
    {
        var upper = new[] { File("usr/lib/x86_64-linux-gnu/.wh..wh..opq"), File("usr/lib/x86_64-linux-gnu/new") };

        var fileSystem = new LayeredImageFileSystem(Base, upper);

        Assert.Null(fileSystem.Find("/usr/lib/x86_64-linux-gnu/libc.so.6"));
        Assert.NotNull(fileSystem.Find("/usr/lib/x86_64-linux-gnu/new"));
    }

    [Fact]
    public void Find_FileOverDirectory_HidesContents()
    {
        var lower = new[] { Directory("opt/app"), File("opt/app/lib.so") };
        var upper = new[] { File("opt/app", "now a file") };

        var fileSystem = new LayeredImageFileSystem(lower, upper);

        Assert.Null(fileSystem.Find("/opt/app/lib.so"));
        Assert.True(fileSystem.Find("/opt/app")!.IsRegularFile);
    }

    [Fact]
    public void Find_RelativePath_RaisesArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new LayeredImageFileSystem(Base).Find("usr/bin/sh"));
    }
}
