using System.Text;
using Distill.Content;
using Xunit;

namespace Distill.Tests.Content;

public sealed class CaBundleTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void Build_OrdersByPathBytes()
    {
        // In the C locale `sort` compares bytes: upper case before lower case, '_' (0x5F) before letters,
        // and UTF-8 after ASCII. Another locale would order several of these differently.
        string[] expectedOrder =
        [
            "local/x.crt", "mozilla/B.crt", "mozilla/a_b.crt", "mozilla/ab.crt", "mozilla/b.crt", "mozilla/Ő.crt",
        ];
        var files = expectedOrder.Reverse().Select(name => Certificate(name, name + "\n")).ToList();

        var bundle = Encoding.UTF8.GetString(CaBundle.Build(files));

        Assert.Equal(string.Concat(expectedOrder.Select(name => name + "\n")), bundle);
    }

    [Fact]
    public void Build_AddsOnlyMissingFinalNewline()
    {
        FileEntry[] files =
        [
            Certificate("mozilla/a.crt", "no newline"),
            Certificate("mozilla/b.crt", "one newline\n"),
            Certificate("mozilla/c.crt", "blank line kept\n\n"),
            Certificate("mozilla/d.crt", ""),
            Certificate("mozilla/e.crt", "crlf\r\n"),
        ];

        var bundle = Encoding.UTF8.GetString(CaBundle.Build(files));

        Assert.Equal("no newline\none newline\nblank line kept\n\ncrlf\r\n", bundle);
    }

    [Fact]
    public void Build_SelectsOnlyPackageCertificates()
    {
        FileEntry[] files =
        [
            Certificate("mozilla/kept.crt", "kept\n"),
            Certificate("mozilla/readme.txt", "not a certificate name\n"),
            Certificate("mozilla/kept.crt.bak", "not a certificate name\n"),
            File("usr/local/share/ca-certificates/local.crt", "local certificates are not in the package\n"),
            File("etc/ssl/certs/other.crt", "outside the directory\n"),
            File("usr/share/ca-certificates-extra/x.crt", "a directory with a longer name\n"),
            new FileEntry("usr/share/ca-certificates/mozilla", FileType.Directory, 0b111_101_101, 0, 0, Time),
            new FileEntry("usr/share/ca-certificates/mozilla/link.crt", FileType.Symlink, 0b111_111_111, 0, 0, Time)
            {
                LinkTarget = "kept.crt",
            },
        ];

        var bundle = Encoding.UTF8.GetString(CaBundle.Build(files));

        Assert.Equal("kept\n", bundle);
    }

    [Fact]
    public void Build_HardLink_ReadsTargetContent()
    {
        FileEntry[] files =
        [
            Certificate("mozilla/a.crt", "shared\n"),
            new FileEntry("usr/share/ca-certificates/mozilla/b.crt", FileType.Hardlink, 0b110_100_100, 0, 0, Time)
            {
                LinkTarget = "usr/share/ca-certificates/mozilla/a.crt",
            },
        ];

        var bundle = Encoding.UTF8.GetString(CaBundle.Build(files));

        Assert.Equal("shared\nshared\n", bundle);
    }

    [Fact]
    public void Build_HardLinkWithoutTarget_Throws()
    {
        FileEntry[] files =
        [
            new FileEntry("usr/share/ca-certificates/mozilla/b.crt", FileType.Hardlink, 0b110_100_100, 0, 0, Time)
            {
                LinkTarget = "usr/share/ca-certificates/mozilla/missing.crt",
            },
        ];

        var error = Assert.Throws<CaBundleException>(() => CaBundle.Build(files));

        Assert.Contains("'usr/share/ca-certificates/mozilla/missing.crt'", error.Message);
    }

    [Fact]
    public void Build_NoCertificates_Throws()
    {
        var error = Assert.Throws<CaBundleException>(() => CaBundle.Build([File("etc/hostname", "host\n")]));

        Assert.Contains("no certificate", error.Message);
        Assert.Contains("ca-certificates package", error.Message);
    }

    [Fact]
    public void CreateEntry_IsRootOwned0644()
    {
        FileEntry[] files = [Certificate("mozilla/a.crt", "a\n")];

        var entry = CaBundle.CreateEntry(files, Time);

        Assert.Equal("etc/ssl/certs/ca-certificates.crt", entry.Path);
        Assert.Equal(FileType.RegularFile, entry.Type);
        Assert.Equal("644", Convert.ToString(entry.Mode, 8));
        Assert.Equal(0, entry.Uid);
        Assert.Equal(0, entry.Gid);
        Assert.Equal(Time, entry.ModificationTime);
        Assert.Equal("a\n"u8.ToArray(), ((BytesContent)entry.Content!).Bytes.ToArray());
    }

    private static FileEntry Certificate(string relativePath, string text) =>
        File("usr/share/ca-certificates/" + relativePath, text);

    private static FileEntry File(string path, string text) =>
        new(path, FileType.RegularFile, 0b110_100_100, 0, 0, Time)
        {
            Content = new BytesContent(Encoding.UTF8.GetBytes(text)),
        };
}
