using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Debian.Archive;

/// <summary>
/// Verifies an OpenPGP v4 RSA signature with .NET's RSA. BouncyCastle re-validates an RSA modulus with
/// primality tests each time a key is used, about 100 ms per use for a 4096-bit archive key on the 2-core
/// machine where it was measured, which would dominate a warm build. The signature format is RFC 4880
/// section 5.2.4: the hash covers the signed data, then the hashed part of the signature packet, then
/// 0x04 0xFF and that part's length. BouncyCastle's GetSignatureTrailer returns the last two together.
/// </summary>
internal static class RsaSignatureCheck
{
    /// <summary>Returns whether this class can check the signature; otherwise BouncyCastle must.</summary>
    public static bool CanCheck(PgpSignature signature, PgpPublicKey key) =>
        signature.Version == 4
        && key.PublicKeyPacket.Key is RsaPublicBcpgKey
        && HashName(signature.HashAlgorithm) is not null;

    /// <summary>
    /// Verifies a subkey binding signature (type 0x18), whose hash covers the primary key and then the subkey,
    /// each as 0x99, a two-byte length and the public key packet body (RFC 4880 section 5.2.4).
    /// </summary>
    public static bool VerifySubkeyBinding(PgpSignature binding, PgpPublicKey primary, PgpPublicKey subkey)
    {
        using var signed = new MemoryStream();
        foreach (var key in new[] { primary, subkey })
        {
            var body = key.PublicKeyPacket.GetEncodedContents();
            signed.Write([0x99, (byte)(body.Length >> 8), (byte)body.Length]);
            signed.Write(body);
        }

        return Verify(binding, primary, signed.ToArray());
    }

    /// <summary>Verifies the signature over bytes that are already in the form the signature type requires.</summary>
    public static bool Verify(PgpSignature signature, PgpPublicKey key, byte[] signedBytes)
    {
        var hashName = HashName(signature.HashAlgorithm)!.Value;
        using var hash = IncrementalHash.CreateHash(hashName);
        hash.AppendData(signedBytes);
        hash.AppendData(signature.GetSignatureTrailer());
        var digest = hash.GetHashAndReset();

        var rsaKey = (RsaPublicBcpgKey)key.PublicKeyPacket.Key;
        var modulus = rsaKey.Modulus.ToByteArrayUnsigned();
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = modulus,
            Exponent = rsaKey.PublicExponent.ToByteArrayUnsigned(),
        });

        // The signature is an MPI without leading zero bytes; PKCS #1 wants it as long as the modulus.
        var value = signature.GetSignature();
        if (value.Length > modulus.Length)
        {
            return false;
        }

        var padded = new byte[modulus.Length];
        value.CopyTo(padded, modulus.Length - value.Length);
        return rsa.VerifyHash(digest, padded, hashName, RSASignaturePadding.Pkcs1);
    }

    private static HashAlgorithmName? HashName(HashAlgorithmTag algorithm) => algorithm switch
    {
        HashAlgorithmTag.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithmTag.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithmTag.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
