namespace Distill.Debian;

/// <summary>Reads deb822 control files: Packages indexes, Release files and a package's control.</summary>
public static class ControlFile
{
    /// <summary>
    /// Parses every paragraph of a control file. Paragraphs are separated by blank lines, a line that
    /// starts with a space or tab continues the previous field, and lines starting with '#' are comments.
    /// </summary>
    public static IEnumerable<ControlParagraph> Parse(TextReader reader)
    {
        ControlParagraph? paragraph = null;
        string? name = null;
        System.Text.StringBuilder value = new();
        var lineNumber = 0;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0 && line[0] == '#')
            {
                continue;
            }

            if (line.Trim().Length == 0)
            {
                if (paragraph is not null)
                {
                    Flush(paragraph, ref name, value);
                    yield return paragraph;
                    paragraph = null;
                }

                continue;
            }

            if (line[0] == ' ' || line[0] == '\t')
            {
                if (name is null)
                {
                    throw new FormatException($"line {lineNumber}: continuation line outside a field: '{line}'");
                }

                value.Append('\n').Append(line);
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"line {lineNumber}: expected 'Field: value', found '{line}'");
            }

            paragraph ??= new ControlParagraph();
            Flush(paragraph, ref name, value);
            name = line[..colon];
            value.Append(line.AsSpan(colon + 1).Trim());
        }

        if (paragraph is not null)
        {
            Flush(paragraph, ref name, value);
            yield return paragraph;
        }
    }

    public static IEnumerable<ControlParagraph> Parse(string text) => Parse(new StringReader(text));

    private static void Flush(ControlParagraph paragraph, ref string? name, System.Text.StringBuilder value)
    {
        if (name is not null)
        {
            paragraph.Set(name, value.ToString());
        }

        name = null;
        value.Clear();
    }
}
