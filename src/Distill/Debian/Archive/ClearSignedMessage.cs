using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Distill.Debian.Archive;

/// <summary>
/// An OpenPGP cleartext signed message (RFC 4880 section 7), the format of InRelease: the text, dash-escaped,
/// followed by an armored block of one or more signatures.
/// </summary>
internal sealed class ClearSignedMessage
{
    private const string MessageHeader = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureHeader = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureFooter = "-----END PGP SIGNATURE-----";

    private ClearSignedMessage(IReadOnlyList<string> lines, IReadOnlyList<PgpSignature> signatures)
    {
        Text = lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
        CanonicalBytes = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
        Signatures = signatures;
    }

    /// <summary>The signed text, unescaped, with trailing whitespace removed and "\n" after every line.</summary>
    public string Text { get; }

    /// <summary>
    /// The bytes a text signature (type 0x01) covers: the lines without trailing spaces and tabs, joined
    /// by CRLF, with no line end after the last line.
    /// </summary>
    public byte[] CanonicalBytes { get; }

    public IReadOnlyList<PgpSignature> Signatures { get; }

    /// <summary>
    /// Parses a clear-signed message. Text before the message header or after the signature block, other
    /// than whitespace, is rejected, so that no unsigned text can travel with the signed text.
    /// </summary>
    public static ClearSignedMessage Parse(string source, string content)
    {
        var lines = content.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var index = SkipBlankLines(lines, 0);
        if (index >= lines.Length || lines[index].TrimEnd() != MessageHeader)
        {
            throw Invalid(source, $"it does not start with '{MessageHeader}'");
        }

        index = SkipArmorHeaders(source, lines, index + 1);
        var body = new List<string>();
        for (; index < lines.Length && lines[index].TrimEnd() != SignatureHeader; index++)
        {
            body.Add(Unescape(source, lines[index]));
        }

        if (index >= lines.Length)
        {
            throw Invalid(source, $"'{SignatureHeader}' is missing");
        }

        var signatures = ReadSignatures(source, lines, index);
        return new ClearSignedMessage(body, signatures);
    }

    private static int SkipBlankLines(string[] lines, int index)
    {
        while (index < lines.Length && lines[index].Trim().Length == 0)
        {
            index++;
        }

        return index;
    }

    /// <summary>Skips the "Hash: ..." armor headers and the blank line that ends them.</summary>
    private static int SkipArmorHeaders(string source, string[] lines, int index)
    {
        for (; index < lines.Length; index++)
        {
            if (lines[index].Trim().Length == 0)
            {
                return index + 1;
            }

            if (!lines[index].StartsWith("Hash:", StringComparison.Ordinal))
            {
                throw Invalid(source, $"unexpected armor header '{lines[index]}'");
            }
        }

        throw Invalid(source, "the blank line after the armor headers is missing");
    }

    /// <summary>
    /// Removes the "- " that dash-escaping puts before lines starting with '-', and the trailing spaces and
    /// tabs that the signature does not cover.
    /// </summary>
    private static string Unescape(string source, string line)
    {
        if (line.StartsWith("- ", StringComparison.Ordinal))
        {
            line = line[2..];
        }
        else if (line.StartsWith('-'))
        {
            throw Invalid(source, $"the line '{line}' starts with '-' but is not dash-escaped");
        }

        return line.TrimEnd(' ', '\t');
    }

    private static List<PgpSignature> ReadSignatures(string source, string[] lines, int start)
    {
        var end = start;
        while (end < lines.Length && lines[end].TrimEnd() != SignatureFooter)
        {
            end++;
        }

        if (end >= lines.Length)
        {
            throw Invalid(source, $"'{SignatureFooter}' is missing");
        }

        if (SkipBlankLines(lines, end + 1) < lines.Length)
        {
            throw Invalid(source, $"it has text after '{SignatureFooter}'");
        }

        var armor = string.Join('\n', lines[start..(end + 1)]) + "\n";
        try
        {
            return DecodeSignatures(armor);
        }
        catch (Exception error) when (error is IOException or PgpException)
        {
            throw Invalid(source, $"its signature block cannot be decoded ({error.Message})");
        }
    }

    private static List<PgpSignature> DecodeSignatures(string armor)
    {
        using var stream = new ArmoredInputStream(new MemoryStream(Encoding.ASCII.GetBytes(armor)));
        var factory = new PgpObjectFactory(stream);
        var signatures = new List<PgpSignature>();
        while (factory.NextPgpObject() is { } item)
        {
            if (item is PgpSignatureList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    signatures.Add(list[i]);
                }
            }
        }

        return signatures;
    }

    private static SignatureVerificationException Invalid(string source, string reason) =>
        new(source, $"{source} is not a valid clear-signed InRelease file: {reason}. "
            + "Check that --mirror points at a Debian archive");
}
