using Xunit;

namespace Distill.Tests.Fixtures.SelfTests;

/// <summary>
/// The strongest check of the fixture: the host's apt-get updates from the served mirror and downloads
/// packages, and rejects each tampered variant. apt runs in an <see cref="AptSandbox"/>.
/// </summary>
public sealed class AptCompatibilityTests : IDisposable
{
    private readonly TestMirror mirror = new();
    private readonly AptSandbox apt = new();
    private LoopbackHttpServer? server;

    public void Dispose()
    {
        server?.Dispose();
        apt.Dispose();
        mirror.Dispose();
    }

    [Fact]
    public void UpdateAndDownloadSucceed()
    {
        Serve();

        var update = apt.Update();
        var download = apt.Download("libc6", "tzdata", "base-files", "ca-certificates", "libgcc-s1");

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.DoesNotContain("W:", update.OutputText + update.StandardError);
        Assert.True(download.ExitCode == 0, download.ToString());
        var downloaded = Directory.GetFiles(apt.DownloadDirectory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(
        [
            "base-files_13.8_amd64.deb",
            "ca-certificates_20250419_all.deb",
            $"libc6_{TestMirror.SecurityLibc6Version}_amd64.deb",
            "libgcc-s1_14.2.0-19_amd64.deb",
            $"tzdata_{TestMirror.UpdatedTzdataVersion}_all.deb",
        ], downloaded);
    }

    [Fact]
    public void VersionsListedAcrossSuites()
    {
        Serve();
        Assert.Equal(0, apt.Update().ExitCode);

        var madison = apt.Run("apt-cache", "madison", "tzdata");

        Assert.True(madison.ExitCode == 0, madison.ToString());
        Assert.Contains($"tzdata | {TestMirror.UpdatedTzdataVersion} |", madison.OutputText);
        Assert.Matches(@"tzdata \|\s+2025b-4 \|", madison.OutputText);
    }

    [Fact]
    public void UpdateFetchesIndexesByHash()
    {
        Serve();

        Assert.Equal(0, apt.Update().ExitCode);

        Assert.Contains(server!.Requests, request => request.Path.Contains("/by-hash/SHA256/", StringComparison.Ordinal));
        Assert.Equal(1, server.CountRequests("/debian/dists/trixie/InRelease"));
    }

    [Fact]
    public void SecondUpdateRevalidatesInRelease()
    {
        Serve();
        Assert.Equal(0, apt.Update().ExitCode);
        server!.ClearRequests();

        var second = apt.Update();

        Assert.Equal(0, second.ExitCode);
        var inRelease = server.Requests.Single(request => request.Path == "/debian/dists/trixie/InRelease");
        Assert.Equal(304, inRelease.StatusCode);
        Assert.NotNull(inRelease.Header("If-Modified-Since"));
    }

    [Fact]
    public void ArmoredKeyringAcceptedBySignedBy()
    {
        Serve(useArmoredKeyring: true);

        var update = apt.Update();

        Assert.True(update.ExitCode == 0, update.ToString());
    }

    [Fact]
    public void Arm64DownloadSucceeds()
    {
        using var arm64 = new AptSandbox("arm64");
        Serve();
        arm64.AddSource(server!.Url("debian"), "trixie", mirror.Debian.KeyringPath);

        Assert.Equal(0, arm64.Update().ExitCode);
        var download = arm64.Download("libc6");

        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.True(File.Exists(Path.Combine(arm64.DownloadDirectory, "libc6_2.41-12_arm64.deb")));
    }

    [Fact]
    public void UntrustedSignerRejected()
    {
        mirror.Debian.SigningKeys.Clear();
        mirror.Debian.SigningKeys.Add(TestSigningKey.Untrusted);
        mirror.Debian.TrustedKeys = [TestSigningKey.Rsa3072];
        Serve();

        var update = apt.Update();

        Assert.NotEqual(0, update.ExitCode);
        Assert.Contains("NO_PUBKEY", update.OutputText + update.StandardError);
    }

    [Fact]
    public void CorruptSignatureRejected()
    {
        mirror.Build();
        mirror.Debian.CorruptInReleaseSignature("trixie");
        Serve(build: false);

        var update = apt.Update();

        Assert.NotEqual(0, update.ExitCode);
        Assert.Contains("BADSIG", update.OutputText + update.StandardError);
    }

    [Fact]
    public void ExpiredReleaseRejected()
    {
        mirror.Security.Suite("trixie-security").ValidUntil = DateTimeOffset.UtcNow.AddDays(-1);
        Serve();

        var update = apt.Update();

        Assert.NotEqual(0, update.ExitCode);
        Assert.Contains("is expired", update.StandardError);
    }

    [Fact]
    public void TamperedPackagesIndexRejected()
    {
        mirror.Build();
        mirror.Debian.TamperWithPackagesIndex("trixie", "amd64");
        Serve(build: false);

        var update = apt.Update();

        Assert.NotEqual(0, update.ExitCode);
        // The tampered index compresses to another size or to the same one, and apt reports the size first.
        var rejected = update.StandardError.Contains("Hash Sum mismatch")
            || update.StandardError.Contains("File has unexpected size");
        Assert.True(rejected, update.StandardError);
    }

    [Fact]
    public void TamperedPackageRejected()
    {
        mirror.Build();
        mirror.Debian.TamperWithPackage(TestPackages.BaseFiles());
        Serve(build: false);
        Assert.Equal(0, apt.Update().ExitCode);

        var download = apt.Download("base-files");

        Assert.NotEqual(0, download.ExitCode);
        Assert.Contains("Hash Sum mismatch", download.StandardError);
        Assert.False(File.Exists(Path.Combine(apt.DownloadDirectory, "base-files_13.8_amd64.deb")));
    }

    /// <summary>
    /// Builds the mirror when <paramref name="build"/> is true, serves it and adds its three suites as apt sources.
    /// </summary>
    private void Serve(bool build = true, bool useArmoredKeyring = false)
    {
        if (build)
        {
            mirror.Build();
        }

        server = LoopbackHttpServer.Start(mirror.RootDirectory, TimeSpan.FromMinutes(5));
        var debianKeyring = useArmoredKeyring ? mirror.Debian.ArmoredKeyringPath : mirror.Debian.KeyringPath;
        var securityKeyring = useArmoredKeyring ? mirror.Security.ArmoredKeyringPath : mirror.Security.KeyringPath;
        apt.AddSource(server.Url("debian"), "trixie", debianKeyring)
            .AddSource(server.Url("debian"), "trixie-updates", debianKeyring)
            .AddSource(server.Url("debian-security"), "trixie-security", securityKeyring);
    }
}
