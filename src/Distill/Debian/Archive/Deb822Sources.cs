namespace Distill.Debian.Archive;

/// <summary>Parses apt's deb822-style sources: paragraphs with Types, URIs, Suites and Enabled fields.</summary>
internal static class Deb822Sources
{
    public static IEnumerable<AptSourceEntry> Parse(string text)
    {
        foreach (var paragraph in ControlFile.Parse(text))
        {
            if (string.Equals(paragraph["Enabled"]?.Trim(), "no", StringComparison.OrdinalIgnoreCase)
                || !Words(paragraph["Types"]).Contains("deb"))
            {
                continue;
            }

            foreach (var uriText in Words(paragraph["URIs"]))
            {
                if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri))
                {
                    continue;
                }

                foreach (var suite in Words(paragraph["Suites"]))
                {
                    yield return new AptSourceEntry(uri, suite);
                }
            }
        }
    }

    private static string[] Words(string? value) =>
        value?.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) ?? [];
}
