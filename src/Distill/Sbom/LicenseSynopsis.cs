namespace Distill.Sbom;

/// <summary>
/// Parses the first line of a DEP-5 License field, such as "GPL-2+ or Artistic, and BSD-3-clause".
/// Within a part, "and" binds tighter than "or", as in SPDX. Commas split the line into parts with the
/// lowest precedence, and the word after a comma ("and", "or") says how a part joins the ones before
/// it. A bare comma is read as "and". "NAME with WORDS exception" names a license with an exception.
/// </summary>
internal static class LicenseSynopsis
{
    public static LicenseExpression Parse(string synopsis)
    {
        LicenseExpression? result = null;
        var parts = synopsis.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var words = part.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
            var joinWithOr = false;
            if (result is not null && words.Count > 1 && IsOperator(words[0]))
            {
                joinWithOr = IsWord(words[0], "or");
                words.RemoveAt(0);
            }

            var expression = ParseOr(words);
            result = result is null
                ? expression
                : joinWithOr ? LicenseExpression.Or([result, expression]) : LicenseExpression.And([result, expression]);
        }

        return result ?? new LicenseTerm(DebianLicenseNames.LicenseRef("empty"));
    }

    private static LicenseExpression ParseOr(List<string> words)
    {
        var alternatives = Split(words, "or").Select(ParseAnd);
        return LicenseExpression.Or(alternatives);
    }

    private static LicenseExpression ParseAnd(List<string> words)
    {
        var terms = Split(words, "and").Select(ParseTerm);
        return LicenseExpression.And(terms);
    }

    /// <summary>Reads "NAME" or "NAME with WORDS exception"; the trailing "exception" word is optional.</summary>
    private static LicenseExpression ParseTerm(List<string> words)
    {
        if (words.Count == 0)
        {
            return new LicenseTerm(DebianLicenseNames.LicenseRef("empty"));
        }

        var with = words.FindIndex(word => IsWord(word, "with"));
        if (with < 0)
        {
            return DebianLicenseNames.ToSpdx(string.Join('-', words));
        }

        var exceptionWords = words.Skip(with + 1).ToList();
        if (exceptionWords.Count > 0 && IsWord(exceptionWords[^1], "exception"))
        {
            exceptionWords.RemoveAt(exceptionWords.Count - 1);
        }

        var license = string.Join('-', words.Take(with));
        return DebianLicenseNames.WithException(license, string.Join('-', exceptionWords));
    }

    private static IEnumerable<List<string>> Split(List<string> words, string separator)
    {
        var current = new List<string>();
        foreach (var word in words)
        {
            if (IsWord(word, separator))
            {
                yield return current;
                current = [];
                continue;
            }

            current.Add(word);
        }

        yield return current;
    }

    private static bool IsOperator(string word) => IsWord(word, "and") || IsWord(word, "or");

    private static bool IsWord(string word, string expected) =>
        word.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
