using System.Globalization;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Debian.Archive;

/// <summary>
/// Verifies clear-signed InRelease files against a keyring. As with apt, one valid signature from a key or
/// subkey in the keyring is enough, and signatures from other keys are ignored.
/// </summary>
public sealed class InReleaseVerifier
{
    private readonly OpenPgpKeyring keyring;
    private readonly TimeProvider clock;
    private readonly Lock verifyLock = new();
    private readonly Dictionary<long, bool> validBindings = [];

    public InReleaseVerifier(OpenPgpKeyring keyring, TimeProvider? clock = null)
    {
        this.keyring = keyring;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Verifies an InRelease file and returns its signed text, with "\n" line ends. Throws
    /// <see cref="SignatureVerificationException"/> when no signature verifies; <paramref name="location"/>
    /// names the file in the message. Safe to call from several threads at once.
    /// </summary>
    public string Verify(string location, string content)
    {
        // The keyring's binding signatures are BouncyCastle objects that keep digest state while verifying,
        // so two verifications at once would corrupt each other.
        lock (verifyLock)
        {
            return VerifyLocked(location, content);
        }
    }

    private string VerifyLocked(string location, string content)
    {
        var message = ClearSignedMessage.Parse(location, content);
        var rejections = new List<string>();
        foreach (var signature in message.Signatures)
        {
            var rejection = Check(signature, message.CanonicalBytes);
            if (rejection is null)
            {
                return message.Text;
            }

            rejections.Add($"{FormatKeyId(signature.KeyId)} ({rejection})");
        }

        throw NoValidSignature(location, message.Signatures, rejections);
    }

    /// <summary>Returns null when the signature is valid, or the reason it is not.</summary>
    private string? Check(PgpSignature signature, byte[] signedBytes)
    {
        if (signature.SignatureType != PgpSignature.CanonicalTextDocument)
        {
            return $"signature type 0x{signature.SignatureType:x2} is not a text signature";
        }

        if (signature.HashAlgorithm is HashAlgorithmTag.MD5 or HashAlgorithmTag.Sha1 or HashAlgorithmTag.RipeMD160)
        {
            return $"weak hash algorithm {signature.HashAlgorithm}";
        }

        if (keyring.Find(signature.KeyId) is not { } key)
        {
            return "key not in the keyring";
        }

        var keyProblem = CheckKey(key);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        return VerifyBytes(signature, key.Key, signedBytes) ? null : "bad signature";
    }

    private static bool VerifyBytes(PgpSignature signature, PgpPublicKey key, byte[] signedBytes)
    {
        if (RsaSignatureCheck.CanCheck(signature, key))
        {
            return RsaSignatureCheck.Verify(signature, key, signedBytes);
        }

        try
        {
            signature.InitVerify(key);
            signature.Update(signedBytes);
            return signature.Verify();
        }
        catch (PgpException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns why a key may not sign now, or null: revoked, expired (apt rejects signatures by expired keys
    /// too), or a subkey without a valid binding signature from its primary key.
    /// </summary>
    private string? CheckKey(OpenPgpKey key)
    {
        if (key.Primary.HasRevocation() || key.Key.HasRevocation())
        {
            return "key revoked";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (IsExpired(key.Primary, now) || IsExpired(key.Key, now))
        {
            return "key expired";
        }

        if (key.IsSubkey && !HasValidBinding(key))
        {
            return "subkey has no valid binding signature";
        }

        return null;
    }

    private static bool IsExpired(PgpPublicKey key, DateTime now)
    {
        var validSeconds = key.GetValidSeconds();
        return validSeconds > 0 && key.CreationTime.AddSeconds(validSeconds) < now;
    }

    private bool HasValidBinding(OpenPgpKey key)
    {
        if (validBindings.TryGetValue(key.Key.KeyId, out var known))
        {
            return known;
        }

        var valid = key.Key.GetSignaturesOfType(PgpSignature.SubkeyBinding)
            .Any(binding => VerifyBinding(binding, key));
        validBindings[key.Key.KeyId] = valid;
        return valid;
    }

    private static bool VerifyBinding(PgpSignature binding, OpenPgpKey key)
    {
        if (RsaSignatureCheck.CanCheck(binding, key.Primary))
        {
            return RsaSignatureCheck.VerifySubkeyBinding(binding, key.Primary, key.Key);
        }

        try
        {
            binding.InitVerify(key.Primary);
            return binding.VerifyCertification(key.Primary, key.Key);
        }
        catch (PgpException)
        {
            // A malformed binding signature proves nothing, so the next one is tried.
            return false;
        }
    }

    private SignatureVerificationException NoValidSignature(
        string location, IReadOnlyList<PgpSignature> signatures, List<string> rejections)
    {
        var keyIds = signatures.Select(signature => FormatKeyId(signature.KeyId)).Distinct().ToList();
        var found = rejections.Count == 0
            ? "it carries no signatures"
            : "signatures by " + string.Join(", ", rejections);
        var message = $"{location}: no valid signature from a key in the keyring {keyring.Description}: {found}. "
            + "Pass a keyring that contains the archive's signing key with --keyring";
        return new SignatureVerificationException(location, message, keyIds);
    }

    private static string FormatKeyId(long keyId) => keyId.ToString("X16", CultureInfo.InvariantCulture);
}
