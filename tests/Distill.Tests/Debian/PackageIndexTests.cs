using System.Text;
using Distill.Debian;
using Distill.Debian.Archive;
using Xunit;

namespace Distill.Tests.Debian;

public class PackageIndexTests
{
    private const string Packages = """
        Package: libc6
        Source: glibc (2.36-9+deb12u10)
        Version: 2.36-9+deb12u10
        Installed-Size: 12986
        Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
        Architecture: amd64
        Multi-Arch: same
        Depends: libgcc-s1
        Breaks: hurd (<< 1:0.9.git20170910-1)
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.
        Filename: pool/main/g/glibc/libc6_2.36-9+deb12u10_amd64.deb
        Size: 2758096
        SHA256: 0D1E9A4F2B6C8E0A1C3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F

        Package: bash
        Version: 5.2.15-2+b7
        Essential: yes
        Architecture: amd64
        Source: bash (5.2.15-2)
        Pre-Depends: libc6 (>= 2.36), libtinfo6 (>= 6)
        Depends: base-files (>= 2.1.12), debianutils (>= 5.6-0.1)
        Filename: pool/main/b/bash/bash_5.2.15-2+b7_amd64.deb
        Size: 1487000
        SHA256: 1111111111111111111111111111111111111111111111111111111111111111

        Package: mawk
        Version: 1.3.4.20200120-3.1
        Architecture: amd64
        Multi-Arch: foreign
        Provides: awk
        Filename: pool/main/m/mawk/mawk_1.3.4.20200120-3.1_amd64.deb
        Size: 119000
        SHA256: 2222222222222222222222222222222222222222222222222222222222222222

        Package: gawk
        Version: 1:5.2.1-2
        Architecture: amd64
        Provides: awk, gawk-compat (= 1:5.2.1-2)
        Depends: libc6 (>= 2.34), libgmp10 (>= 2:6.2.1+dfsg1) | libgmp-dummy, perl:any
        Filename: pool/main/g/gawk/gawk_5.2.1-2_amd64.deb
        Size: 650000
        SHA256: 3333333333333333333333333333333333333333333333333333333333333333

        Package: bash
        Version: 5.2.15-2
        Architecture: amd64
        Filename: pool/main/b/bash/bash_5.2.15-2_amd64.deb
        Size: 1486000
        SHA256: 4444444444444444444444444444444444444444444444444444444444444444
        """;

    [Fact]
    public void ParseReadsRecordFields()
    {
        var index = PackageIndex.Parse(new StringReader(Packages));

        var libc = index.Find("libc6")!;
        Assert.Equal("libc6", libc.Package);
        Assert.Equal(DebianVersion.Parse("2.36-9+deb12u10"), libc.Version);
        Assert.Equal("amd64", libc.Architecture);
        Assert.Equal("pool/main/g/glibc/libc6_2.36-9+deb12u10_amd64.deb", libc.Filename);
        Assert.Equal(2758096, libc.Size);
        Assert.Equal("0d1e9a4f2b6c8e0a1c3e5a7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f", libc.Sha256);
        Assert.Equal("glibc", libc.Source);
        Assert.Equal("2.36-9+deb12u10", libc.SourceVersion.ToString());
        Assert.Equal("same", libc.MultiArch);
        Assert.False(libc.Essential);
        Assert.Equal("hurd (<< 1:0.9.git20170910-1)", libc.Paragraph["Breaks"]);
        Assert.Equal(
            "GNU C Library: Shared libraries\n Contains the standard libraries that are used by nearly all programs on\n the system.",
            libc.Paragraph["Description"]);
    }

    [Fact]
    public void ParseWithFilterKeepsOnlyWantedNames()
    {
        var index = PackageIndex.Parse(new StringReader(Packages), isRequested: name => name is "bash" or "gawk");

        Assert.Equal(2, index.Count);
        Assert.Equal("5.2.15-2+b7", index.Find("bash")!.Version.ToString());
        Assert.Equal("1:5.2.1-2", index.Find("gawk")!.Version.ToString());
        Assert.Null(index.Find("libc6"));
        Assert.Null(index.Find("mawk"));
    }

    [Fact]
    public void ParseWithFilterReadsParagraphNotStartingWithPackage()
    {
        const string text = "Version: 1.0\nPackage: odd\nArchitecture: all\nFilename: pool/o/odd.deb\n"
            + "Size: 1\nSHA256: 5555555555555555555555555555555555555555555555555555555555555555\n";

        var index = PackageIndex.Parse(new StringReader(text), isRequested: name => name == "odd");

        Assert.Equal("1.0", index.Find("odd")!.Version.ToString());
    }

    [Fact]
    public void ParseKeepsNewestVersion()
    {
        var index = PackageIndex.Parse(new StringReader(Packages));

        var bash = index.Find("bash")!;
        Assert.Equal("5.2.15-2+b7", bash.Version.ToString());
        Assert.Equal("bash", bash.Source);
        Assert.Equal("5.2.15-2", bash.SourceVersion.ToString());
        Assert.True(bash.Essential);
        Assert.Equal(4, index.Count);
        Assert.Null(index.Find("python3"));
    }

    [Fact]
    public void SourceDefaultsToPackage()
    {
        var index = PackageIndex.Parse(new StringReader(Packages));

        var mawk = index.Find("mawk")!;
        Assert.Equal("mawk", mawk.Source);
        Assert.Equal(mawk.Version, mawk.SourceVersion);
    }

    [Fact]
    public void RelationsParse()
    {
        var index = PackageIndex.Parse(new StringReader(Packages));
        var gawk = index.Find("gawk")!;
        var bash = index.Find("bash")!;

        Assert.Equal(3, gawk.Depends.Count);
        Assert.Equal(new PackageRelation("libc6", null, ">=", DebianVersion.Parse("2.34")), gawk.Depends[0][0]);
        Assert.Equal(2, gawk.Depends[1].Count);
        Assert.Equal("libgmp10 (>= 2:6.2.1+dfsg1)", gawk.Depends[1][0].ToString());
        Assert.Equal("libgmp-dummy", gawk.Depends[1][1].Name);
        Assert.Equal("perl", gawk.Depends[2][0].Name);
        Assert.Equal("any", gawk.Depends[2][0].ArchitectureQualifier);
        Assert.Equal(["awk", "gawk-compat"], gawk.Provides.Select(p => p.Name));
        Assert.Equal("=", gawk.Provides[1].Operator);
        Assert.Equal(2, bash.PreDepends.Count);
        Assert.Equal("libtinfo6", bash.PreDepends[1][0].Name);
        Assert.Empty(index.Find("mawk")!.Depends);
    }

    [Theory]
    [InlineData("foo (< 1.0)", "<=")]
    [InlineData("foo (> 1.0)", ">=")]
    [InlineData("foo (<< 1.0)", "<<")]
    [InlineData("foo (>>1.0)", ">>")]
    [InlineData("foo [amd64] (= 1.0) <!nocheck>", "=")]
    public void RelationOperators(string text, string expected)
    {
        var relation = PackageRelation.ParseList(text).Single();

        Assert.Equal("foo", relation.Name);
        Assert.Equal(expected, relation.Operator);
        Assert.Equal("1.0", relation.Version!.ToString());
    }

    [Theory]
    [InlineData("foo (1.0)")]
    [InlineData("foo (>= 1.0")]
    [InlineData("foo bar")]
    public void RelationRejectsInvalid(string text)
    {
        var error = Assert.Throws<FormatException>(() => PackageRelation.ParseList(text));

        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void FindProvidersListsProviders()
    {
        var index = PackageIndex.Parse(new StringReader(Packages));

        Assert.Equal(["gawk", "mawk"], index.FindProviders("awk").Select(record => record.Package));
        Assert.Empty(index.FindProviders("nothing"));
    }

    [Fact]
    public void MergeTakesNewestAcrossIndexes()
    {
        var release = PackageIndex.Parse(new StringReader(Packages));
        var security = PackageIndex.Parse(new StringReader("""
            Package: libc6
            Version: 2.36-9+deb12u11
            Architecture: amd64
            Filename: pool/updates/main/g/glibc/libc6_2.36-9+deb12u11_amd64.deb
            Size: 2758100
            SHA256: 5555555555555555555555555555555555555555555555555555555555555555

            Package: bash
            Version: 5.2.15-1
            Architecture: amd64
            Filename: pool/updates/main/b/bash/bash_5.2.15-1_amd64.deb
            Size: 1486000
            SHA256: 6666666666666666666666666666666666666666666666666666666666666666
            """));

        var merged = PackageIndex.Merge([release, security]);

        Assert.Equal("2.36-9+deb12u11", merged.Find("libc6")!.Version.ToString());
        Assert.Equal("5.2.15-2+b7", merged.Find("bash")!.Version.ToString());
        Assert.Equal(4, merged.All.Count);
    }

    [Theory]
    [InlineData("Package: a\nArchitecture: all\nFilename: f\nSize: 1\nSHA256: 00\n", "Version")]
    [InlineData("Package: a\nVersion: 1\nArchitecture: all\nSize: 1\nSHA256: 00\n", "Filename")]
    [InlineData("Package: a\nVersion: 1\nArchitecture: all\nFilename: f\nSize: x\nSHA256: 00\n", "Size")]
    public void ParseRejectsIncompleteRecord(string text, string field)
    {
        var error = Assert.ThrowsAny<FormatException>(() => PackageIndex.Parse(new StringReader(text)));

        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void ParseReadsStreamWithCrlf()
    {
        var bytes = Encoding.UTF8.GetBytes(Packages.Replace("\n", "\r\n"));

        var index = PackageIndex.Parse(new MemoryStream(bytes));

        Assert.Equal(4, index.Count);
        Assert.Equal("amd64", index.Find("gawk")!.Architecture);
    }
}
