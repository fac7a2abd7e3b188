using System.Security.Cryptography;
using System.Text;
using Distill.Blobs;

namespace Distill.Sbom;

/// <summary>
/// Identifiers that both writers derive from the image's manifest digest, so that the same image always
/// gets the same SPDX namespace and CycloneDX serial number and no random number is involved.
/// </summary>
internal static class SbomIdentifiers
{
    /// <summary>The URL namespace of RFC 9562, section 6.6.</summary>
    private static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>
    /// Returns a name-based UUID (version 5, SHA-1, RFC 9562 section 5.5) of "distill:image:DIGEST" in
    /// the URL namespace. CycloneDX 1.6 accepts only UUID versions 1 to 5 as a serial number.
    /// </summary>
    public static Guid ImageUuid(Digest manifestDigest)
    {
        var name = Encoding.UTF8.GetBytes($"distill:image:{manifestDigest}");
        var input = new byte[16 + name.Length];
        UrlNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);

        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// Returns "SPDXRef-" followed by <paramref name="text"/> with every character outside letters,
    /// digits, '.' and '-' replaced by '-', as SPDX 2.3 allows only those in an element ID.
    /// </summary>
    public static string SpdxId(string text)
    {
        var id = new StringBuilder("SPDXRef-", 8 + text.Length);
        foreach (var character in text)
        {
            id.Append(char.IsAsciiLetterOrDigit(character) || character is '.' or '-' ? character : '-');
        }

        return id.ToString();
    }
}
