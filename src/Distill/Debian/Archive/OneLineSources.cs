namespace Distill.Debian.Archive;

/// <summary>Parses apt's one-line-style sources ("deb [options] URI suite [component...]").</summary>
internal static class OneLineSources
{
    public static IEnumerable<AptSourceEntry> Parse(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var comment = rawLine.IndexOf('#');
            var line = (comment < 0 ? rawLine : rawLine[..comment]).Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal)
                && !line.StartsWith("deb\t", StringComparison.Ordinal))
            {
                continue;
            }

            var words = RemoveOptions(line[3..]).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && Uri.TryCreate(words[0], UriKind.Absolute, out var uri))
            {
                yield return new AptSourceEntry(uri, words[1]);
            }
        }
    }

    /// <summary>Removes a "[arch=amd64 signed-by=...]" options block, which may contain spaces.</summary>
    private static string RemoveOptions(string rest)
    {
        var trimmed = rest.TrimStart();
        if (!trimmed.StartsWith('['))
        {
            return trimmed;
        }

        var close = trimmed.IndexOf(']');
        return close < 0 ? "" : trimmed[(close + 1)..];
    }
}
