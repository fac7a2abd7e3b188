using System.Formats.Tar;
using Distill.Debian.Packages;
using Distill.Tests.Support;
using Xunit;

namespace Distill.Tests.Debian.Packages;

public sealed class DebReaderErrorTests
{
    private static readonly byte[] SimpleDataTar = CraftedDeb.Tar(TarEntryFormat.Gnu, CraftedDeb.File("./a", "a"));

    [Fact]
    public void Read_NotArArchive_Throws()
    {
        var error = ReadExpectingError("plain.deb", "This is not an ar archive, just text."u8.ToArray());

        Assert.Contains("not an ar archive", error.Message);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        var error = ReadExpectingError("empty.deb", []);

        Assert.Contains("not an ar archive", error.Message);
    }

    [Fact]
    public void Read_EmptyArArchive_Throws()
    {
        var error = ReadExpectingError("no-members.deb", new ArArchiveBuilder().ToArray());

        Assert.Contains("found an empty archive", error.Message);
    }

    [Fact]
    public void Read_FirstMemberNotDebianBinary_Throws()
    {
        var deb = new ArArchiveBuilder().Add("control.tar", CraftedDeb.ControlTar()).ToArray();

        var error = ReadExpectingError("order.deb", deb);

        Assert.Contains("the first member must be 'debian-binary', found 'control.tar'", error.Message);
    }

    [Fact]
    public void Read_FormatVersion3_Throws()
    {
        var deb = new ArArchiveBuilder().Add("debian-binary", "3.0\n").ToArray();

        var error = ReadExpectingError("future.deb", deb);

        Assert.Contains("unsupported .deb format version '3.0'", error.Message);
    }

    [Fact]
    public void Read_MissingDataMember_Throws()
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("control.tar", CraftedDeb.ControlTar())
            .ToArray();

        var error = ReadExpectingError("no-data.deb", deb);

        Assert.Contains("member 'data.tar' is missing", error.Message);
    }

    [Fact]
    public void Read_MissingControlMember_Throws()
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("data.tar", SimpleDataTar)
            .ToArray();

        var error = ReadExpectingError("no-control.deb", deb);

        Assert.Contains("expected member 'control.tar' (optionally compressed), found 'data.tar'", error.Message);
    }

    [Fact]
    public void Read_ControlTarWithoutControlFile_Throws()
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("control.tar", CraftedDeb.Tar(TarEntryFormat.Pax, CraftedDeb.File("./md5sums", "")))
            .Add("data.tar", SimpleDataTar)
            .ToArray();

        var error = ReadExpectingError("no-control-file.deb", deb);

        Assert.Contains("control.tar has no 'control' file", error.Message);
    }

    [Theory]
    [InlineData("data.tar.bz2", "bzip2 compression")]
    [InlineData("data.tar.lzma", "lzma compression")]
    [InlineData("data.tar.lz4", "unknown compression suffix '.lz4'")]
    public void Read_UnsupportedCompression_Throws(string memberName, string expectedProblem)
    {
        var error = ReadExpectingError("compressed.deb", CraftedDeb.Build(SimpleDataTar, memberName));

        Assert.Contains(expectedProblem, error.Message);
        Assert.Contains(memberName, error.Message);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("xz")]
    [InlineData("zstd")]
    public void Read_CorruptCompressedData_Throws(string compression)
    {
        using var directory = new TempDirectory();
        var bytes = File.ReadAllBytes(SampleDeb.Build(directory, compression));
        var dataStart = IndexOf(bytes, "data.tar"u8) + 60;
        for (var i = dataStart + 40; i < dataStart + 240; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var error = ReadExpectingError("corrupt.deb", bytes);

        Assert.Contains("member 'data.tar.", error.Message);
        Assert.Contains("is corrupt", error.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("xz")]
    [InlineData("zstd")]
    public void Read_TruncatedDeb_Throws(string compression)
    {
        using var directory = new TempDirectory();
        var bytes = File.ReadAllBytes(SampleDeb.Build(directory, compression));

        var error = ReadExpectingError("truncated.deb", bytes[..(bytes.Length - 100)]);

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_TruncatedInsideMemberHeader_Throws()
    {
        var bytes = new ArArchiveBuilder().Add("debian-binary", "2.0\n").ToArray();

        var error = ReadExpectingError("cut.deb", [.. bytes, .. "control.tar    "u8]);

        Assert.Contains("ends inside an ar member header", error.Message);
    }

    [Theory]
    [InlineData("../etc/passwd", "the path contains '..'")]
    [InlineData("./usr/../../etc/passwd", "the path contains '..'")]
    [InlineData("/etc/passwd", "the path is absolute")]
    public void Read_UnsafePath_Throws(string storedPath, string expectedProblem)
    {
        var dataTar = CraftedDeb.Tar(TarEntryFormat.Pax, CraftedDeb.File(storedPath, "x"));

        var error = Assert.Throws<UnsafeEntryPathException>(
            () => DebReader.Read(new MemoryStream(CraftedDeb.Build(dataTar)), "unsafe.deb"));

        Assert.Equal("unsafe.deb", error.PackageFile);
        Assert.Equal(storedPath, error.EntryPath);
        Assert.Contains(expectedProblem, error.Message);
        Assert.Contains("'unsafe.deb'", error.Message);
    }

    [Theory]
    [InlineData("../etc/shadow", "the target of hard link './usr/x' contains '..'")]
    [InlineData("/etc/shadow", "the target of hard link './usr/x' is absolute")]
    [InlineData("./", "hard link './usr/x' targets the root directory")]
    public void Read_UnsafeHardLinkTarget_Throws(string target, string expectedProblem)
    {
        var dataTar = CraftedDeb.Tar(TarEntryFormat.Pax, CraftedDeb.Link(TarEntryType.HardLink, "./usr/x", target));

        var error = Assert.Throws<UnsafeEntryPathException>(
            () => DebReader.Read(new MemoryStream(CraftedDeb.Build(dataTar)), "link.deb"));

        Assert.Equal(target, error.EntryPath);
        Assert.Contains(expectedProblem, error.Message);
    }

    [Fact]
    public void Read_SymlinkTargetOutsideRoot_IsKept()
    {
        var dataTar = CraftedDeb.Tar(
            TarEntryFormat.Pax, CraftedDeb.Link(TarEntryType.SymbolicLink, "./usr/x", "../../../etc/passwd"));

        var package = DebReader.Read(new MemoryStream(CraftedDeb.Build(dataTar)), "symlink.deb");

        Assert.Equal("../../../etc/passwd", Assert.Single(package.Files).LinkTarget);
    }

    [Fact]
    public void Read_CharacterDevice_Throws()
    {
        var device = new PaxTarEntry(TarEntryType.CharacterDevice, "./dev/null") { DeviceMajor = 1, DeviceMinor = 3 };
        var dataTar = CraftedDeb.Tar(TarEntryFormat.Pax, device);

        var error = ReadExpectingError("device.deb", CraftedDeb.Build(dataTar));

        Assert.Contains("'./dev/null' has the type CharacterDevice", error.Message);
    }

    [Fact]
    public void Read_InvalidControlFile_Throws()
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("control.tar", CraftedDeb.ControlTar("Package: a\n\nPackage: b\n"))
            .Add("data.tar", SimpleDataTar)
            .ToArray();

        var error = ReadExpectingError("two-paragraphs.deb", deb);

        Assert.Contains("control file has 2 paragraphs, expected exactly one", error.Message);
    }

    [Theory]
    [InlineData("Version: 1\nArchitecture: all\n", "Package")]
    [InlineData("Package: a\nArchitecture: all\n", "Version")]
    [InlineData("Package: a\nVersion: 1\n", "Architecture")]
    public void Read_ControlFieldMissing_Throws(string controlText, string missingField)
    {
        var deb = new ArArchiveBuilder()
            .Add("debian-binary", "2.0\n")
            .Add("control.tar", CraftedDeb.ControlTar(controlText))
            .Add("data.tar", SimpleDataTar)
            .ToArray();

        var error = ReadExpectingError("fields.deb", deb);

        Assert.Contains($"its control file has no {missingField} field", error.Message);
    }

    private static InvalidDebException ReadExpectingError(string name, byte[] deb)
    {
        var error = Assert.Throws<InvalidDebException>(() => DebReader.Read(new MemoryStream(deb), name));
        Assert.Equal(name, error.PackageFile);
        Assert.Contains($"'{name}'", error.Message);
        return error;
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value)
    {
        var index = bytes.AsSpan().IndexOf(value);
        Assert.True(index >= 0, "the .deb has no data.tar member");
        return index;
    }
}
