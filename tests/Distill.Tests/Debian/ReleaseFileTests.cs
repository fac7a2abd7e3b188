using Distill.Debian.Archive;
using Xunit;

namespace Distill.Tests.Debian;

public class ReleaseFileTests
{
    private const string Sample = """
        Origin: Debian
        Label: Debian
        Suite: stable
        Version: 13.2
        Codename: trixie
        Changelogs: https://metadata.ftp-master.debian.org/changelogs/@CHANGEPATH@_changelog
        Date: Sat, 15 Nov 2025 09:15:44 UTC
        Valid-Until: Sat, 22 Nov 2025 09:15:44 UTC
        Acquire-By-Hash: yes
        No-Support-for-Architecture-all: Packages
        Architectures: all amd64 arm64
        Components: main contrib non-free-firmware
        Description: Debian 13.2 Released 15 November 2025
        MD5Sum:
         0123456789abcdef0123456789abcdef   1234 main/binary-amd64/Packages
        SHA256:
         9f2a1c0b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708 56000000 main/binary-amd64/Packages
         AAAA1c0b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708  9876543 main/binary-amd64/Packages.gz
         1111111111111111111111111111111111111111111111111111111111111111      0 main/i18n/Translation-en.bz2
        """;

    [Fact]
    public void ParseReadsFields()
    {
        var release = ReleaseFile.Parse(Sample);

        Assert.Equal("Debian", release.Origin);
        Assert.Equal("Debian", release.Label);
        Assert.Equal("stable", release.Suite);
        Assert.Equal("trixie", release.Codename);
        Assert.Equal("13.2", release.Version);
        Assert.Equal(new DateTimeOffset(2025, 11, 15, 9, 15, 44, TimeSpan.Zero), release.Date);
        Assert.Equal(new DateTimeOffset(2025, 11, 22, 9, 15, 44, TimeSpan.Zero), release.ValidUntil);
        Assert.True(release.AcquireByHash);
        Assert.Equal(["all", "amd64", "arm64"], release.Architectures);
        Assert.Equal(["main", "contrib", "non-free-firmware"], release.Components);
    }

    [Fact]
    public void ParseReadsSha256Section()
    {
        var release = ReleaseFile.Parse(Sample);

        Assert.Equal(3, release.Sha256.Count);
        var gz = release.Sha256["main/binary-amd64/Packages.gz"];
        Assert.Equal("aaaa1c0b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708", gz.Sha256);
        Assert.Equal(9876543, gz.Size);
        Assert.Equal(56000000, release.Sha256["main/binary-amd64/Packages"].Size);
        Assert.Equal(0, release.Sha256["main/i18n/Translation-en.bz2"].Size);
    }

    [Fact]
    public void ParseWithoutOptionalFields()
    {
        var release = ReleaseFile.Parse("Suite: sid\nCodename: sid\n");

        Assert.Null(release.ValidUntil);
        Assert.Null(release.Date);
        Assert.False(release.AcquireByHash);
        Assert.Empty(release.Sha256);
        Assert.Empty(release.Architectures);
    }

    [Theory]
    [InlineData("Sat, 21 Nov 2026 09:15:44 UTC", "2026-11-21T09:15:44+00:00")]
    [InlineData("Sat, 1 Nov 2026 09:15:44 GMT", "2026-11-01T09:15:44+00:00")]
    [InlineData("21 Nov 2026 09:15:44 +0000", "2026-11-21T09:15:44+00:00")]
    [InlineData("Sat, 21 Nov 2026 11:15:44 +0200", "2026-11-21T09:15:44+00:00")]
    [InlineData("Sat, 21 Nov 2026 04:15:44 -0500", "2026-11-21T09:15:44+00:00")]
    public void ParseReadsDateForms(string text, string expected)
    {
        var release = ReleaseFile.Parse($"Suite: x\nDate: {text}\n");

        Assert.Equal(DateTimeOffset.Parse(expected), release.Date);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Sat, 31 Feb 2026 09:15:44 UTC")]
    [InlineData("Sat, 21 Foo 2026 09:15:44 UTC")]
    [InlineData("Sat, 21 Nov 2026 25:15:44 UTC")]
    [InlineData("Sat, 21 Nov 2026 09:15:44 CEST")]
    public void ParseRejectsInvalidDate(string text)
    {
        var error = Assert.Throws<FormatException>(() => ReleaseFile.Parse($"Suite: x\nValid-Until: {text}\n"));

        Assert.Contains(text, error.Message);
        Assert.Contains("Valid-Until", error.Message);
    }

    [Fact]
    public void ParseRejectsBadSha256Line()
    {
        var text = "Suite: x\nSHA256:\n abc 12 main/binary-amd64/Packages\n";

        var error = Assert.Throws<FormatException>(() => ReleaseFile.Parse(text));

        Assert.Contains("abc 12 main/binary-amd64/Packages", error.Message);
    }

    [Fact]
    public void CheckValidUntilAcceptsCurrentFile()
    {
        var release = ReleaseFile.Parse(Sample);

        release.CheckValidUntil("http://mirror.test/InRelease", new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void CheckValidUntilRejectsExpiredFile()
    {
        var release = ReleaseFile.Parse(Sample);
        var now = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

        var error = Assert.Throws<ReleaseExpiredException>(() => release.CheckValidUntil("http://mirror.test/InRelease", now));

        Assert.Contains("http://mirror.test/InRelease", error.Message);
        Assert.Contains("2025-11-22 09:15:44", error.Message);
        Assert.Contains("stale", error.Message);
        Assert.Contains("clock", error.Message);
        Assert.IsAssignableFrom<DistillException>(error);
    }

    [Fact]
    public void CheckValidUntilIgnoresMissingField()
    {
        var release = ReleaseFile.Parse("Suite: sid\n");

        release.CheckValidUntil("http://mirror.test/InRelease", DateTimeOffset.MaxValue);
    }
}
