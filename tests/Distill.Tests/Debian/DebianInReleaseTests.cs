using Distill.Debian.Archive;
using Xunit;

namespace Distill.Tests.Debian;

/// <summary>
/// Verifies the real InRelease files of Debian 12 and 13 with the host's Debian archive keyring. The mirrors
/// come from the host's apt sources, and an unreachable mirror fails the test rather than skipping it.
/// </summary>
public class DebianInReleaseTests
{
    private const string HostKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    [Theory]
    [InlineData("bookworm", false)]
    [InlineData("bookworm-updates", false)]
    [InlineData("bookworm-security", true)]
    [InlineData("trixie", false)]
    [InlineData("trixie-security", true)]
    public async Task VerifyRealInRelease(string suite, bool security)
    {
        var mirrors = AptSources.FindMirrors();
        var baseUri = security ? mirrors.SecurityMirror : mirrors.Mirror;
        var url = $"{baseUri.AbsoluteUri.TrimEnd('/')}/dists/{suite}/InRelease";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var content = await http.GetStringAsync(url);
        var verifier = new InReleaseVerifier(OpenPgpKeyring.Load(HostKeyring));

        var text = verifier.Verify(url, content);
        var release = ReleaseFile.Parse(text);

        Assert.Equal(suite, release.Codename);
        Assert.Contains("amd64", release.Architectures);
        // The security archive lists its components as "updates/main" but serves them under "main".
        Assert.Contains(security ? "updates/main" : "main", release.Components);
        Assert.True(release.Sha256.ContainsKey("main/binary-amd64/Packages.gz")
            || release.Sha256.ContainsKey("main/binary-amd64/Packages.xz"));
        release.CheckValidUntil(url, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task VerifyFromSeveralThreadsAtOnce()
    {
        var mirrors = AptSources.FindMirrors();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var urls = new[] { "bookworm", "bookworm-updates", "trixie" }
            .Select(suite => $"{mirrors.Mirror.AbsoluteUri.TrimEnd('/')}/dists/{suite}/InRelease")
            .Append($"{mirrors.SecurityMirror.AbsoluteUri.TrimEnd('/')}/dists/bookworm-security/InRelease")
            .ToList();
        var contents = await Task.WhenAll(urls.Select(url => http.GetStringAsync(url)));
        var verifier = new InReleaseVerifier(OpenPgpKeyring.Load(HostKeyring));

        var texts = await Task.WhenAll(Enumerable.Range(0, 200).Select(attempt => Task.Run(
            () => verifier.Verify(urls[attempt % urls.Count], contents[attempt % urls.Count]))));

        Assert.All(texts, text => Assert.Contains("Codename: ", text));
    }

    [Fact]
    public void LoadReadsHostKeyring()
    {
        var keyring = OpenPgpKeyring.Load(HostKeyring);

        Assert.True(keyring.PrimaryKeyCount >= 3, $"only {keyring.PrimaryKeyCount} keys in {HostKeyring}");
    }

    [Fact]
    public async Task VerifyRejectsRealInReleaseWithWrongKeyring()
    {
        var mirrors = AptSources.FindMirrors();
        var url = $"{mirrors.Mirror.AbsoluteUri.TrimEnd('/')}/dists/trixie/InRelease";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var content = await http.GetStringAsync(url);
        var otherKey = TestSigningKey.CreateEd25519().PublicKeyringBytes();
        var verifier = new InReleaseVerifier(OpenPgpKeyring.FromBytes(otherKey, "test.gpg"));

        var error = Assert.Throws<SignatureVerificationException>(() => verifier.Verify(url, content));

        Assert.True(error.KeyIds.Count >= 2, $"expected several signatures, found {error.KeyIds.Count}");
        Assert.Contains(url, error.Message);
    }
}
