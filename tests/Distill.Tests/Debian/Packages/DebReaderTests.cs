using Distill.Content;
using Distill.Debian.Packages;
using Distill.Tests.Support;
using Xunit;

namespace Distill.Tests.Debian.Packages;

public sealed class DebReaderTests
{
    private const int Mode0755 = 0b111_101_101;
    private const int Mode0644 = 0b110_100_100;

    public static TheoryData<string> Compressions => new() { "none", "gzip", "xz", "zstd" };

    [Theory]
    [MemberData(nameof(Compressions))]
    public void Read_SampleDeb_ReadsControlMembers(string compression)
    {
        using var directory = new TempDirectory();
        var deb = SampleDeb.Build(directory, compression);

        var package = DebReader.Read(deb);

        Assert.Equal(deb, package.PackageFile);
        Assert.Equal("distill-sample", package.Name);
        Assert.Equal("1.2-3", package.Version);
        Assert.Equal("all", package.Architecture);
        Assert.Equal("sample package for DebReader tests\n multi-line description", package.Control["Description"]);
        Assert.Equal(SampleDeb.Md5Sums, package.Md5Sums);
        Assert.Equal(["/etc/distill-sample.conf"], package.Conffiles);
        Assert.Equal(["postinst"], package.MaintainerScripts.Keys);
        Assert.Equal(SampleDeb.Postinst, package.MaintainerScripts["postinst"]);
    }

    [Theory]
    [MemberData(nameof(Compressions))]
    public void Read_SampleDeb_ReadsEveryDataEntry(string compression)
    {
        using var directory = new TempDirectory();
        var deb = SampleDeb.Build(directory, compression);

        var files = DebReader.Read(deb).Files.ToDictionary(file => file.Path);

        string[] expectedPaths =
        [
            "etc", "etc/distill-sample.conf", "usr", "usr/bin", "usr/bin/absolute-symlink", "usr/bin/helper",
            "usr/bin/tool", "usr/bin/tool-hardlink", "usr/bin/tool-symlink", "usr/share",
            "usr/share/distill-sample", SampleDeb.LongPath,
        ];
        Assert.Equal(expectedPaths.Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));

        AssertEntry(files["etc"], FileType.Directory, Mode0755, 0, 0, SampleDeb.DirectoryTime);
        AssertEntry(files["usr/bin"], FileType.Directory, Mode0755, 0, 0, SampleDeb.DirectoryTime);
        var setgidDirectory = files["usr/share/distill-sample"];
        AssertEntry(setgidDirectory, FileType.Directory, 0b010_111_101_000, 0, 0, SampleDeb.DirectoryTime);

        AssertEntry(files["etc/distill-sample.conf"], FileType.RegularFile, Mode0644, 0, 0, SampleDeb.FileTime);
        Assert.Equal("setting = 1\n", SampleDeb.Text(files["etc/distill-sample.conf"]));

        var tool = files["usr/bin/tool"];
        AssertEntry(tool, FileType.RegularFile, Mode0755, 1234, 2345, SampleDeb.FileTime);
        Assert.Equal(SampleDeb.ToolContent, ((BytesContent)tool.Content!).Bytes.ToArray());
        Assert.Equal(SampleDeb.ToolContent.Length, tool.Size);
        Assert.Null(tool.LinkTarget);

        var helper = files["usr/bin/helper"];
        AssertEntry(helper, FileType.RegularFile, 0b100_111_101_101, 0, 0, SampleDeb.FileTime);
        Assert.Equal("#!/bin/sh\n", SampleDeb.Text(helper));

        var hardLink = files["usr/bin/tool-hardlink"];
        AssertEntry(hardLink, FileType.Hardlink, Mode0755, 1234, 2345, SampleDeb.FileTime);
        Assert.Equal("usr/bin/tool", hardLink.LinkTarget);
        Assert.Null(hardLink.Content);

        var symlink = files["usr/bin/tool-symlink"];
        AssertEntry(symlink, FileType.Symlink, 0b111_111_111, 0, 0, SampleDeb.FileTime);
        Assert.Equal("tool", symlink.LinkTarget);
        Assert.Null(symlink.Content);

        Assert.Equal(FileType.Symlink, files["usr/bin/absolute-symlink"].Type);
        Assert.Equal("/usr/bin/tool", files["usr/bin/absolute-symlink"].LinkTarget);

        Assert.Equal("long\n", SampleDeb.Text(files[SampleDeb.LongPath]));
    }

    [Fact]
    public void Read_UnseekableStream_UsesGivenName()
    {
        using var directory = new TempDirectory();
        var deb = SampleDeb.Build(directory, "xz");
        using var stream = new ForwardOnlyStream(File.ReadAllBytes(deb));

        var package = DebReader.Read(stream, "sample.deb");

        Assert.Equal("sample.deb", package.PackageFile);
        Assert.Equal(12, package.Files.Count);
    }

    [Fact]
    public void Read_PaxTar_LongAndNonAsciiPaths()
    {
        var longName = "./usr/share/" + new string('d', 150) + "/" + new string('f', 120);
        var dataTar = CraftedDeb.Tar(
            System.Formats.Tar.TarEntryFormat.Pax,
            CraftedDeb.File(longName, "long"),
            CraftedDeb.File("./usr/share/zoneinfo/América/Ciudad_Juárez", "tz"),
            CraftedDeb.Link(System.Formats.Tar.TarEntryType.HardLink, "./usr/share/copy", longName));

        var package = DebReader.Read(new MemoryStream(CraftedDeb.Build(dataTar)), "pax.deb");

        Assert.Equal(longName[2..], package.Files[0].Path);
        Assert.Equal("long", SampleDeb.Text(package.Files[0]));
        Assert.Equal("usr/share/zoneinfo/América/Ciudad_Juárez", package.Files[1].Path);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), package.Files[1].ModificationTime);
        Assert.Equal(longName[2..], package.Files[2].LinkTarget);
        Assert.Null(package.Md5Sums);
        Assert.Empty(package.Conffiles);
        Assert.Empty(package.MaintainerScripts);
    }

    [Theory]
    [InlineData("./usr/bin/", "usr/bin")]
    [InlineData("usr/bin", "usr/bin")]
    [InlineData("./usr//lib/./x", "usr/lib/x")]
    public void Read_StoredPath_IsNormalised(string storedPath, string expectedPath)
    {
        var dataTar = CraftedDeb.Tar(System.Formats.Tar.TarEntryFormat.Pax, CraftedDeb.File(storedPath, ""));

        var package = DebReader.Read(new MemoryStream(CraftedDeb.Build(dataTar)), "paths.deb");

        Assert.Equal(expectedPath, Assert.Single(package.Files).Path);
    }

    [Fact]
    public void Read_UnderscoreMembers_AreSkipped()
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("_extension", "ignored")
            .Add("control.tar", CraftedDeb.ControlTar())
            .Add("_signature", "ignored")
            .Add("data.tar", CraftedDeb.Tar(System.Formats.Tar.TarEntryFormat.Gnu, CraftedDeb.File("./a", "a")))
            .ToArray();

        var package = DebReader.Read(new MemoryStream(deb), "extended.deb");

        Assert.Equal("a", Assert.Single(package.Files).Path);
    }

    [Fact]
    public void Read_ConffilesWithFlag_SkipsRemovedFiles()
    {
        var controlTar = CraftedDeb.Tar(
            System.Formats.Tar.TarEntryFormat.Pax,
            CraftedDeb.File("./control", CraftedDeb.ControlText),
            CraftedDeb.File("./conffiles", "remove-on-upgrade /etc/old.conf\n/etc/new.conf\n"));
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("control.tar", controlTar)
            .Add("data.tar", CraftedDeb.Tar(System.Formats.Tar.TarEntryFormat.Gnu, CraftedDeb.File("./a", "a")))
            .ToArray();

        var package = DebReader.Read(new MemoryStream(deb), "conffiles.deb");

        Assert.Equal(["/etc/new.conf"], package.Conffiles);
    }

    private static void AssertEntry(
        FileEntry file, FileType type, int mode, int uid, int gid, DateTimeOffset modificationTime)
    {
        Assert.Equal(type, file.Type);
        Assert.Equal(Convert.ToString(mode, 8), Convert.ToString(file.Mode, 8));
        Assert.Equal(uid, file.Uid);
        Assert.Equal(gid, file.Gid);
        Assert.Equal(modificationTime, file.ModificationTime);
    }

    /// <summary>A stream that cannot seek, like a download.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Position
        {
            get => base.Position;
            set => throw new NotSupportedException();
        }

        public override long Length => throw new NotSupportedException();
    }
}
