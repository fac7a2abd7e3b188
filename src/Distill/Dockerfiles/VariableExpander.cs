using System.Text;
using System.Text.RegularExpressions;

namespace Distill.Dockerfiles;

/// <summary>
/// Expands variables in a word the way Docker does for FROM, ARG, ENV, WORKDIR and USER: $NAME, ${NAME},
/// ${NAME:-word}, ${NAME-word}, ${NAME:+word}, ${NAME+word}, ${NAME:?message}, ${NAME?message} and the
/// pattern removals ${NAME#pattern}, ${NAME##pattern}, ${NAME%pattern}, ${NAME%%pattern}. Single quotes keep
/// their text literal, double quotes are removed, and the Dockerfile's escape character escapes the next
/// character. An unset variable expands to the empty string.
/// </summary>
public sealed class VariableExpander(Func<string, string?> lookup, char escape = '\\')
{
    /// <summary>The names that were referenced but not set, in order of first use.</summary>
    public List<string> Unset { get; } = [];

    public string Expand(string word)
    {
        var position = 0;
        return ExpandUntil(word, ref position, null);
    }

    private string ExpandUntil(string text, ref int position, char? stop)
    {
        var result = new StringBuilder();
        var inDoubleQuotes = false;
        while (position < text.Length)
        {
            var c = text[position];
            if (stop is not null && c == stop && !inDoubleQuotes)
            {
                break;
            }

            if (c == escape && position + 1 < text.Length)
            {
                result.Append(text[position + 1]);
                position += 2;
            }
            else if (c == '\'' && !inDoubleQuotes)
            {
                var close = text.IndexOf('\'', position + 1);
                close = close < 0 ? text.Length : close;
                result.Append(text[(position + 1)..close]);
                position = Math.Min(close + 1, text.Length);
            }
            else if (c == '"')
            {
                inDoubleQuotes = !inDoubleQuotes;
                position++;
            }
            else if (c == '$' && position + 1 < text.Length)
            {
                result.Append(ExpandVariable(text, ref position));
            }
            else
            {
                result.Append(c);
                position++;
            }
        }

        return result.ToString();
    }

    private string ExpandVariable(string text, ref int position)
    {
        position++;
        if (text[position] != '{')
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            return start == position ? "$" : Lookup(text[start..position]);
        }

        position++;
        var nameStart = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        var name = text[nameStart..position];
        var modifier = ReadModifier(text, position);
        position += modifier.Length;
        var word = ExpandUntil(text, ref position, '}');
        if (position >= text.Length)
        {
            throw new FormatException($"'${{{name}' has no closing brace");
        }

        position++;
        return ApplyModifier(name, modifier, word);
    }

    private static string ReadModifier(string text, int position)
    {
        var rest = text[position..];
        foreach (var modifier in (string[])[":-", ":+", ":?", "##", "%%", "-", "+", "?", "#", "%"])
        {
            if (rest.StartsWith(modifier, StringComparison.Ordinal))
            {
                return modifier;
            }
        }

        return "";
    }

    private string ApplyModifier(string name, string modifier, string word)
    {
        var value = modifier is "" ? Lookup(name) : lookup(name);
        return modifier switch
        {
            "" => value ?? "",
            ":-" => string.IsNullOrEmpty(value) ? word : value,
            "-" => value ?? word,
            ":+" => string.IsNullOrEmpty(value) ? "" : word,
            "+" => value is null ? "" : word,
            ":?" when string.IsNullOrEmpty(value) => throw new FormatException($"{name} is not set: {word}"),
            "?" when value is null => throw new FormatException($"{name} is not set: {word}"),
            ":?" or "?" => value!,
            "#" => RemovePrefix(value ?? "", word, longest: false),
            "##" => RemovePrefix(value ?? "", word, longest: true),
            "%" => RemoveSuffix(value ?? "", word, longest: false),
            "%%" => RemoveSuffix(value ?? "", word, longest: true),
            _ => throw new FormatException($"unsupported substitution '${{{name}{modifier}...}}'"),
        };
    }

    private string Lookup(string name)
    {
        var value = lookup(name);
        if (value is null && !Unset.Contains(name))
        {
            Unset.Add(name);
        }

        return value ?? "";
    }

    private static string RemovePrefix(string value, string pattern, bool longest)
    {
        var match = Regex.Match(value, $"^{GlobToRegex(pattern, longest)}", RegexOptions.Singleline);
        return match.Success ? value[match.Length..] : value;
    }

    private static string RemoveSuffix(string value, string glob, bool longest)
    {
        // The longest suffix starts earliest, so try the start positions from the front; the shortest from the back.
        var starts = Enumerable.Range(0, value.Length + 1);
        var pattern = $"^{GlobToRegex(glob, true)}$";
        foreach (var start in longest ? starts : starts.Reverse())
        {
            if (Regex.IsMatch(value[start..], pattern, RegexOptions.Singleline))
            {
                return value[..start];
            }
        }

        return value;
    }

    private static string GlobToRegex(string pattern, bool greedy)
    {
        var regex = new StringBuilder();
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => greedy ? ".*" : ".*?",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return regex.ToString();
    }
}
