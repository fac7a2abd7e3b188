using System.Text;

namespace Distill.Elf;

/// <summary>
/// Expands the dynamic string tokens $ORIGIN, $LIB and $PLATFORM, written bare or in braces ("${ORIGIN}"),
/// as glibc's loader does in search paths and in DT_NEEDED paths. A bare token ends at a character that is
/// not a letter, digit or underscore; any other "$" text stays as written.
/// </summary>
internal static class DynamicStringTokens
{
    private static readonly string[] Names = ["ORIGIN", "LIB", "PLATFORM"];

    /// <summary>
    /// Returns the expanded text, or null when a token has no value, which makes glibc drop the element.
    /// </summary>
    public static string? Expand(string text, Func<string, string?> valueOf)
    {
        if (!text.Contains('$'))
        {
            return text;
        }

        var expanded = new StringBuilder();
        var index = 0;
        while (index < text.Length)
        {
            if (text[index] != '$' || !TryMatch(text, index + 1, out var name, out var length))
            {
                expanded.Append(text[index]);
                index++;
                continue;
            }

            var value = valueOf(name);
            if (value is null)
            {
                return null;
            }

            expanded.Append(value);
            index += 1 + length;
        }

        return expanded.ToString();
    }

    private static bool TryMatch(string text, int start, out string name, out int length)
    {
        foreach (var candidate in Names)
        {
            if (string.CompareOrdinal(text, start, "{" + candidate + "}", 0, candidate.Length + 2) == 0)
            {
                name = candidate;
                length = candidate.Length + 2;
                return true;
            }

            var end = start + candidate.Length;
            if (string.CompareOrdinal(text, start, candidate, 0, candidate.Length) == 0
                && (end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                name = candidate;
                length = candidate.Length;
                return true;
            }
        }

        name = "";
        length = 0;
        return false;
    }
}
