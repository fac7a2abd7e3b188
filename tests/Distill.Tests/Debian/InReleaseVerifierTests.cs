using Distill.Debian.Archive;
using Xunit;

namespace Distill.Tests.Debian;

public class InReleaseVerifierTests
{
    private const string Location = "http://mirror.test/debian/dists/trixie/InRelease";

    private const string Release = """
        Origin: Debian
        Suite: stable
        Codename: trixie
        Description: a line with trailing spaces   
        -----A line that needs dash-escaping
        SHA256:
         9f2a1c0b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708 56000000 main/binary-amd64/Packages

        """;

    private static readonly Lazy<TestSigningKey> Rsa = new(TestSigningKey.CreateRsa);
    private static readonly Lazy<TestSigningKey> Ed25519 = new(TestSigningKey.CreateEd25519);
    private static readonly Lazy<TestSigningKey> Other = new(TestSigningKey.CreateEd25519);
    private static readonly Lazy<TestSigningKey> WithSubkey = new(TestSigningKey.CreateWithRsaSubkey);

    public static TheoryData<string> KeyKinds => ["rsa", "ed25519", "subkey"];

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public void VerifyAcceptsGoodSignature(string kind)
    {
        var key = KeyOfKind(kind);
        var verifier = VerifierFor(key);

        var text = verifier.Verify(Location, TestSigningKey.ClearSign(Release, key));

        Assert.Contains("-----A line that needs dash-escaping\n", text);
        Assert.Contains("Description: a line with trailing spaces\n", text);
        Assert.Equal("Suite: stable", text.Split('\n')[1]);
    }

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public void VerifyRejectsTamperedText(string kind)
    {
        var key = KeyOfKind(kind);
        var signed = TestSigningKey.ClearSign(Release, key);
        var tampered = signed.Replace("56000000", "56000001");

        var error = Assert.Throws<SignatureVerificationException>(() => VerifierFor(key).Verify(Location, tampered));

        Assert.Contains(Location, error.Message);
        Assert.Contains("bad signature", error.Message);
        Assert.Contains("--keyring", error.Message);
    }

    [Fact]
    public void VerifyIgnoresTrailingWhitespaceAndCrlf()
    {
        var signed = TestSigningKey.ClearSign(Release, Rsa.Value);
        var altered = signed.Replace("Codename: trixie\n", "Codename: trixie \t\r\n");

        var text = VerifierFor(Rsa.Value).Verify(Location, altered);

        Assert.Contains("Codename: trixie\n", text);
    }

    [Fact]
    public void VerifyRejectsUnknownKey()
    {
        var signed = TestSigningKey.ClearSign(Release, Other.Value);

        var error = Assert.Throws<SignatureVerificationException>(() => VerifierFor(Rsa.Value).Verify(Location, signed));

        var otherId = Other.Value.SigningKeyId.ToString("X16");
        Assert.Equal([otherId], error.KeyIds);
        Assert.Contains(otherId, error.Message);
        Assert.Contains("not in the keyring", error.Message);
        Assert.Contains("--keyring", error.Message);
    }

    [Fact]
    public void VerifyAcceptsOneKnownOfTwo()
    {
        var unknownFirst = TestSigningKey.ClearSign(Release, Other.Value, Ed25519.Value);
        var unknownLast = TestSigningKey.ClearSign(Release, Ed25519.Value, Other.Value);
        var verifier = VerifierFor(Ed25519.Value);

        Assert.Contains("Codename: trixie", verifier.Verify(Location, unknownFirst));
        Assert.Contains("Codename: trixie", verifier.Verify(Location, unknownLast));
    }

    [Fact]
    public void VerifyRejectsTwoUnknownKeys()
    {
        var signed = TestSigningKey.ClearSign(Release, Other.Value, Ed25519.Value);

        var error = Assert.Throws<SignatureVerificationException>(() => VerifierFor(Rsa.Value).Verify(Location, signed));

        Assert.Equal(2, error.KeyIds.Count);
        Assert.Contains(Other.Value.SigningKeyId.ToString("X16"), error.Message);
        Assert.Contains(Ed25519.Value.SigningKeyId.ToString("X16"), error.Message);
    }

    [Fact]
    public void VerifyUsesArmoredKeyringWithSeveralKeys()
    {
        var armored = Other.Value.ArmoredPublicKey() + "\n" + Rsa.Value.ArmoredPublicKey();
        var keyring = OpenPgpKeyring.FromBytes(System.Text.Encoding.ASCII.GetBytes(armored), "test.asc");

        var text = new InReleaseVerifier(keyring).Verify(Location, TestSigningKey.ClearSign(Release, Rsa.Value));

        Assert.Equal(2, keyring.PrimaryKeyCount);
        Assert.Contains("Codename: trixie", text);
    }

    [Fact]
    public void VerifyRejectsUnsignedTextAfterSignature()
    {
        var signed = TestSigningKey.ClearSign(Release, Rsa.Value) + "Suite: evil\n";

        var error = Assert.Throws<SignatureVerificationException>(() => VerifierFor(Rsa.Value).Verify(Location, signed));

        Assert.Contains("after", error.Message);
    }

    [Theory]
    [InlineData("Origin: Debian\n")]
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Debian\n")]
    [InlineData("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n-not escaped\n-----BEGIN PGP SIGNATURE-----\n")]
    public void VerifyRejectsMalformedMessage(string content)
    {
        var error = Assert.Throws<SignatureVerificationException>(() => VerifierFor(Rsa.Value).Verify(Location, content));

        Assert.Contains("not a valid clear-signed InRelease file", error.Message);
        Assert.Contains(Location, error.Message);
    }

    [Fact]
    public void LoadRejectsFileWithoutKeys()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a keyring");

            var error = Assert.Throws<KeyringException>(() => OpenPgpKeyring.Load(path));

            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadRejectsMissingFile()
    {
        var error = Assert.Throws<KeyringException>(() => OpenPgpKeyring.Load("/nonexistent/keyring.gpg"));

        Assert.Contains("/nonexistent/keyring.gpg", error.Message);
    }

    private static TestSigningKey KeyOfKind(string kind) => kind switch
    {
        "rsa" => Rsa.Value,
        "ed25519" => Ed25519.Value,
        _ => WithSubkey.Value,
    };

    private static InReleaseVerifier VerifierFor(TestSigningKey key) =>
        new(OpenPgpKeyring.FromBytes(key.PublicKeyringBytes(), "test.gpg"));
}
