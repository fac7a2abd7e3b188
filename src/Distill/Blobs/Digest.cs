using System.Security.Cryptography;

namespace Distill.Blobs;

/// <summary>
/// A content digest in the OCI form "sha256:HEX", with 64 lowercase hexadecimal digits. SHA-256 is the only
/// algorithm Distill writes and accepts.
/// </summary>
public readonly record struct Digest
{
    public const string Algorithm = "sha256";

    private Digest(string hex)
    {
        Hex = hex;
    }

    /// <summary>The 64 lowercase hexadecimal digits of the SHA-256 hash.</summary>
    public string Hex { get; }

    public override string ToString() => $"{Algorithm}:{Hex}";

    /// <summary>Parses "sha256:HEX" and throws <see cref="InvalidDigestException"/> for anything else.</summary>
    public static Digest Parse(string value)
    {
        const string prefix = Algorithm + ":";
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidDigestException(value, $"it does not start with '{prefix}'");
        }

        var hex = value[prefix.Length..];
        if (!IsLowercaseHex(hex))
        {
            throw new InvalidDigestException(value, "the hash is not 64 lowercase hexadecimal digits");
        }

        return new Digest(hex);
    }

    /// <summary>Creates a digest from a 32-byte SHA-256 hash.</summary>
    public static Digest FromHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"a SHA-256 hash has 32 bytes, not {hash.Length}", nameof(hash));
        }

        return new Digest(Convert.ToHexStringLower(hash));
    }

    /// <summary>Computes the digest of the given bytes.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>Computes the digest of a stream, read from its current position to its end.</summary>
    public static Digest Compute(Stream content) => FromHash(SHA256.HashData(content));

    private static bool IsLowercaseHex(string hex) =>
        hex.Length == SHA256.HashSizeInBytes * 2 && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
