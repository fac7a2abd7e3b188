using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Distill.Tests.Debian;

/// <summary>An OpenPGP key generated for a test, which writes clear-signed messages like an archive's InRelease.</summary>
internal sealed class TestSigningKey
{
    private static readonly SecureRandom Random = new();

    private readonly PgpKeyPair signingPair;

    private TestSigningKey(PgpPublicKeyRing publicRing, PgpKeyPair signingPair)
    {
        PublicRing = publicRing;
        this.signingPair = signingPair;
    }

    public PgpPublicKeyRing PublicRing { get; }

    public long SigningKeyId => signingPair.KeyId;

    public static TestSigningKey CreateRsa() => Create(RsaPair(), subkey: null);

    public static TestSigningKey CreateEd25519() => Create(Ed25519Pair(), subkey: null);

    /// <summary>Creates an Ed25519 primary key that signs through an RSA subkey.</summary>
    public static TestSigningKey CreateWithRsaSubkey() => Create(Ed25519Pair(), RsaPair());

    public byte[] PublicKeyringBytes()
    {
        using var output = new MemoryStream();
        PublicRing.Encode(output);
        return output.ToArray();
    }

    public string ArmoredPublicKey()
    {
        using var output = new MemoryStream();
        using (var armor = new ArmoredOutputStream(output))
        {
            PublicRing.Encode(armor);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }

    /// <summary>Signs text with each key and writes one clear-signed message carrying all the signatures.</summary>
    public static string ClearSign(string text, params TestSigningKey[] keys)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        var canonical = Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Select(line => line.TrimEnd(' ', '\t'))));

        var message = new StringBuilder();
        message.Append("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n");
        foreach (var line in lines)
        {
            message.Append(line.StartsWith('-') ? "- " : "").Append(line).Append('\n');
        }

        using var output = new MemoryStream();
        using (var armor = new ArmoredOutputStream(output))
        {
            foreach (var key in keys)
            {
                key.Sign(canonical).Encode(armor);
            }
        }

        message.Append(Encoding.ASCII.GetString(output.ToArray()).Replace("\r\n", "\n"));
        return message.ToString();
    }

    private PgpSignature Sign(byte[] canonical)
    {
        var generator = new PgpSignatureGenerator(signingPair.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.CanonicalTextDocument, signingPair.PrivateKey, Random);
        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetIssuerKeyID(false, signingPair.KeyId);
        subpackets.SetSignatureCreationTime(false, DateTime.UtcNow);
        generator.SetHashedSubpackets(subpackets.Generate());
        generator.Update(canonical);
        return generator.Generate();
    }

    private static TestSigningKey Create(PgpKeyPair primary, PgpKeyPair? subkey)
    {
        var generator = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, primary, "Distill test key",
            SymmetricKeyAlgorithmTag.Aes256, HashAlgorithmTag.Sha256, "".ToCharArray(), true, null, null, Random);
        if (subkey is not null)
        {
            var flags = new PgpSignatureSubpacketGenerator();
            flags.SetKeyFlags(false, PgpKeyFlags.CanSign);
            generator.AddSubKey(subkey, flags.Generate(), null);
        }

        return new TestSigningKey(generator.GeneratePublicKeyRing(), subkey ?? primary);
    }

    private static PgpKeyPair RsaPair()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Random, 2048, 80));
        return new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), DateTime.UtcNow);
    }

    private static PgpKeyPair Ed25519Pair()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(Random));
        AsymmetricCipherKeyPair pair = generator.GenerateKeyPair();
        return new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, pair, DateTime.UtcNow);
    }
}
