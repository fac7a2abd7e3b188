using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Writes and reads OpenPGP ASCII armor (RFC 4880 section 6.2): a BEGIN line, no headers, base64 in
/// lines of 64 characters, a "=" line with the CRC-24 of the data, and an END line.
/// </summary>
public static class OpenPgpArmor
{
    public const string SignatureLabel = "PGP SIGNATURE";
    public const string PublicKeyLabel = "PGP PUBLIC KEY BLOCK";

    public static string Encode(byte[] data, string label)
    {
        var text = new StringBuilder();
        text.Append($"-----BEGIN {label}-----\n\n");
        var base64 = Convert.ToBase64String(data);
        for (var start = 0; start < base64.Length; start += 64)
        {
            text.Append(base64.AsSpan(start, Math.Min(64, base64.Length - start))).Append('\n');
        }

        var crc = Crc24(data);
        text.Append('=').Append(Convert.ToBase64String([(byte)(crc >> 16), (byte)(crc >> 8), (byte)crc])).Append('\n');
        text.Append($"-----END {label}-----\n");
        return text.ToString();
    }

    /// <summary>
    /// Decodes the first armor block with <paramref name="label"/> in <paramref name="text"/>, without
    /// checking its CRC. Returns the data and the start and end offsets of the block in the text.
    /// </summary>
    public static (byte[] Data, int Start, int End) Decode(string text, string label)
    {
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----\n";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : text.IndexOf(end, start, StringComparison.Ordinal);
        if (stop < 0)
        {
            throw new FormatException($"no complete '{label}' armor block found");
        }

        var body = text[(start + begin.Length)..stop].Split('\n')
            .SkipWhile(line => line.Length > 0)
            .Where(line => line.Length > 0 && !line.StartsWith('='));
        return (Convert.FromBase64String(string.Concat(body)), start, stop + end.Length);
    }

    /// <summary>Computes the CRC-24 of RFC 4880 section 6.1: initial value 0xB704CE, generator 0x1864CFB.</summary>
    public static int Crc24(byte[] data)
    {
        var crc = 0xB704CE;
        foreach (var value in data)
        {
            crc ^= value << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                {
                    crc ^= 0x1864CFB;
                }
            }
        }

        return crc & 0xFFFFFF;
    }
}
