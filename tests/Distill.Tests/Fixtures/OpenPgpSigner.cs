using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Signs Release files as Debian's archive does: InRelease as a cleartext signed message (RFC 4880
/// section 7) and Release.gpg as an ASCII-armored detached signature, each with one SHA-256 signature
/// packet per key.
/// </summary>
public static class OpenPgpSigner
{
    private const string SignedMessageHeader = "-----BEGIN PGP SIGNED MESSAGE-----";

    /// <summary>
    /// Creates a cleartext signed message of <paramref name="text"/>. The signatures are of type 0x01
    /// (canonical text): they cover the lines with trailing spaces and tabs removed, joined by CR LF, and
    /// without the line break that ends the text. Lines starting with '-' are dash-escaped.
    /// </summary>
    public static string ClearSign(string text, IEnumerable<TestSigningKey> keys, DateTime? signingTime = null)
    {
        var lines = SplitLines(text);
        var canonical = string.Join("\r\n", lines.Select(line => line.TrimEnd(' ', '\t')));
        var signatures = CreateSignatures(
            Encoding.UTF8.GetBytes(canonical), PgpSignature.CanonicalTextDocument, keys, signingTime);

        var message = new StringBuilder();
        message.Append(SignedMessageHeader).Append('\n');
        message.Append("Hash: SHA256\n\n");
        foreach (var line in lines)
        {
            message.Append(line.StartsWith('-') ? "- " : "").Append(line).Append('\n');
        }

        message.Append(OpenPgpArmor.Encode(signatures, OpenPgpArmor.SignatureLabel));
        return message.ToString();
    }

    /// <summary>
    /// Creates an ASCII-armored detached signature of type 0x00 (binary document) over the exact bytes.
    /// </summary>
    public static string SignDetached(byte[] data, IEnumerable<TestSigningKey> keys, DateTime? signingTime = null) =>
        OpenPgpArmor.Encode(
            CreateSignatures(data, PgpSignature.BinaryDocument, keys, signingTime), OpenPgpArmor.SignatureLabel);

    private static List<string> SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static byte[] CreateSignatures(
        byte[] data, int signatureType, IEnumerable<TestSigningKey> keys, DateTime? signingTime)
    {
        using var output = new MemoryStream();
        using (var packets = new BcpgOutputStream(output))
        {
            foreach (var key in keys)
            {
                var generator = new PgpSignatureGenerator(key.Algorithm, HashAlgorithmTag.Sha256);
                generator.InitSign(signatureType, key.PrivateKey);

                var hashed = new PgpSignatureSubpacketGenerator();
                hashed.SetSignatureCreationTime(false, signingTime ?? DateTime.UtcNow.AddMinutes(-1));
                hashed.SetIssuerFingerprint(false, key.PublicKey);
                generator.SetHashedSubpackets(hashed.Generate());

                var unhashed = new PgpSignatureSubpacketGenerator();
                unhashed.SetIssuerKeyID(false, key.PublicKey.KeyId);
                generator.SetUnhashedSubpackets(unhashed.Generate());

                generator.Update(data);
                generator.Generate().Encode(packets);
            }
        }

        return output.ToArray();
    }
}
