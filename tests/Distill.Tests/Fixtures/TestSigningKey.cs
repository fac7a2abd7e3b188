using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Distill.Tests.Fixtures;

/// <summary>The OpenPGP key types that a <see cref="TestSigningKey"/> can have.</summary>
public enum TestKeyType
{
    Rsa2048,
    Rsa3072,

    /// <summary>Ed25519 as a version 4 key of the legacy EdDSA algorithm (22), as GnuPG 2.2 makes them.</summary>
    Ed25519Legacy,
}

/// <summary>
/// A version 4 OpenPGP signing key made for a test: a primary key with a self-certified user ID and
/// key flags "certify, sign", and no subkeys. Generating RSA keys takes up to seconds, so tests share
/// the cached keys <see cref="Rsa2048"/>, <see cref="Rsa3072"/>, <see cref="Ed25519"/> and
/// <see cref="Untrusted"/>, and call <see cref="Generate"/> only when they need a fresh one.
/// </summary>
public sealed class TestSigningKey
{
    private static readonly Lazy<TestSigningKey> SharedRsa2048 =
        new(() => Generate(TestKeyType.Rsa2048, "Distill Test Archive RSA 2048 <rsa2048@distill.invalid>"));
    private static readonly Lazy<TestSigningKey> SharedRsa3072 =
        new(() => Generate(TestKeyType.Rsa3072, "Distill Test Archive RSA 3072 <rsa3072@distill.invalid>"));
    private static readonly Lazy<TestSigningKey> SharedEd25519 =
        new(() => Generate(TestKeyType.Ed25519Legacy, "Distill Test Archive Ed25519 <ed25519@distill.invalid>"));
    private static readonly Lazy<TestSigningKey> SharedUntrusted =
        new(() => Generate(TestKeyType.Ed25519Legacy, "Distill Untrusted Signer <untrusted@distill.invalid>"));

    private TestSigningKey(TestKeyType type, string userId, PgpPrivateKey privateKey, PgpPublicKeyRing publicKeyRing)
    {
        Type = type;
        UserId = userId;
        PrivateKey = privateKey;
        PublicKeyRing = publicKeyRing;
    }

    public static TestSigningKey Rsa2048 => SharedRsa2048.Value;
    public static TestSigningKey Rsa3072 => SharedRsa3072.Value;
    public static TestSigningKey Ed25519 => SharedEd25519.Value;

    /// <summary>A key meant to stay out of every exported keyring, for signatures that must not verify.</summary>
    public static TestSigningKey Untrusted => SharedUntrusted.Value;

    public TestKeyType Type { get; }
    public string UserId { get; }
    public PgpPrivateKey PrivateKey { get; }
    public PgpPublicKeyRing PublicKeyRing { get; }
    public PgpPublicKey PublicKey => PublicKeyRing.GetPublicKey();
    public PublicKeyAlgorithmTag Algorithm => PublicKey.Algorithm;

    /// <summary>The v4 fingerprint as 40 upper-case hex digits, as gpgv prints it.</summary>
    public string Fingerprint => Convert.ToHexString(PublicKey.GetFingerprint());

    /// <summary>The key ID as 16 upper-case hex digits.</summary>
    public string KeyId => PublicKey.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Generates a key with a creation time one day in the past, so that no verifier rejects it as created in the
    /// future.
    /// </summary>
    public static TestSigningKey Generate(TestKeyType type, string userId)
    {
        var random = new SecureRandom();
        var created = DateTime.UtcNow.AddDays(-1);
        var keyPair = type switch
        {
            TestKeyType.Rsa2048 => new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, GenerateRsa(2048, random), created),
            TestKeyType.Rsa3072 => new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, GenerateRsa(3072, random), created),
            TestKeyType.Ed25519Legacy =>
                new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, GenerateEd25519(random), created),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown key type"),
        };

        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, PgpKeyFlags.CanCertify | PgpKeyFlags.CanSign);
        hashed.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha512, (int)HashAlgorithmTag.Sha256]);
        var generator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification, keyPair, userId, SymmetricKeyAlgorithmTag.Null, (char[]?)null, true,
            hashed.Generate(), null, random);
        return new TestSigningKey(type, userId, keyPair.PrivateKey, generator.GeneratePublicKeyRing());
    }

    /// <summary>Writes the given keys' public key rings as one binary keyring, as in a .gpg file.</summary>
    public static byte[] ExportKeyring(IEnumerable<TestSigningKey> keys)
    {
        using var output = new MemoryStream();
        foreach (var key in keys)
        {
            key.PublicKeyRing.Encode(output);
        }

        return output.ToArray();
    }

    /// <summary>Writes the given keys' public key rings as one ASCII-armored block, as in an .asc file.</summary>
    public static string ExportArmoredKeyring(IEnumerable<TestSigningKey> keys) =>
        OpenPgpArmor.Encode(ExportKeyring(keys), OpenPgpArmor.PublicKeyLabel);

    public override string ToString() => $"{Type} {Fingerprint} {UserId}";

    private static AsymmetricCipherKeyPair GenerateRsa(int bits, SecureRandom random)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, bits, 100));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair GenerateEd25519(SecureRandom random)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(random));
        return generator.GenerateKeyPair();
    }
}
