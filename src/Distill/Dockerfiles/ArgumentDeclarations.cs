namespace Distill.Dockerfiles;

/// <summary>
/// Reads the NAME or NAME=DEFAULT pairs of an ARG instruction and the KEY=VALUE pairs of ENV, with quotes
/// and variables in values handled as Docker does. ENV also has the older form "ENV KEY VALUE".
/// </summary>
public static class ArgumentDeclarations
{
    /// <summary>Returns each declared name with its expanded default, or null when it has none.</summary>
    public static List<KeyValuePair<string, string?>> Parse(Instruction instruction, VariableExpander expander)
    {
        var declarations = new List<KeyValuePair<string, string?>>();
        foreach (var word in SplitWords(instruction.Arguments))
        {
            var equals = word.IndexOf('=');
            declarations.Add(equals < 0
                ? new(word, null)
                : new(word[..equals], ExpandValue(expander, word[(equals + 1)..], instruction)));
        }

        return declarations;
    }

    /// <summary>Returns each KEY=VALUE pair of an ENV instruction, with the value expanded.</summary>
    public static List<KeyValuePair<string, string>> ParseEnv(Instruction instruction, VariableExpander expander)
    {
        var words = SplitWords(instruction.Arguments);
        if (words.Count > 0 && !words[0].Contains('='))
        {
            var key = words[0];
            var value = instruction.Arguments.Trim()[key.Length..].Trim();
            return [new(key, ExpandValue(expander, value, instruction))];
        }

        return words
            .Where(word => word.Contains('='))
            .Select(word => new KeyValuePair<string, string>(
                word[..word.IndexOf('=')],
                ExpandValue(expander, word[(word.IndexOf('=') + 1)..], instruction)))
            .ToList();
    }

    /// <summary>
    /// Splits at blanks outside quotes, keeping the quotes for the expander to remove, so that
    /// NAME="a b" stays one word.
    /// </summary>
    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var start = -1;
        char? quote = null;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            var c = atEnd ? ' ' : text[i];
            if (quote is not null && !atEnd)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            if (c is ' ' or '\t')
            {
                if (start >= 0)
                {
                    words.Add(text[start..i]);
                }

                start = -1;
                continue;
            }

            start = start < 0 ? i : start;
            quote = c is '"' or '\'' ? c : null;
        }

        return words;
    }

    private static string ExpandValue(VariableExpander expander, string value, Instruction instruction)
    {
        try
        {
            return expander.Expand(value);
        }
        catch (FormatException error)
        {
            throw new DockerfileSyntaxException(instruction.Line, $"{instruction.Keyword} {value}: {error.Message}");
        }
    }
}
