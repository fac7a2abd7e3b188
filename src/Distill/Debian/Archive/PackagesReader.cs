using System.Text;

namespace Distill.Debian.Archive;

/// <summary>
/// Reads the paragraphs of a Packages index with the syntax of <see cref="ControlFile"/>, but shares one
/// string for each field name and for the values of a few fields with few distinct values. A Packages
/// index repeats those strings tens of thousands of times, so sharing them saves memory and allocation.
/// </summary>
internal sealed class PackagesReader
{
    private static readonly HashSet<string> SharedValueFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Architecture", "Multi-Arch", "Priority", "Section", "Essential", "Protected", "Maintainer", "Origin", "Bugs",
    };

    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> sharedValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> nameLookup;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> valueLookup;

    public PackagesReader()
    {
        nameLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        valueLookup = sharedValues.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Reads every paragraph, or with <paramref name="isRequested"/> only those whose first field is a Package
    /// that it accepts. Debian's indexes start each paragraph with Package, so the others are skipped line
    /// by line without building anything, which makes a search for a few names several times faster.
    /// </summary>
    public IEnumerable<ControlParagraph> ReadParagraphs(TextReader reader, Func<string, bool>? isRequested = null)
    {
        ControlParagraph? paragraph = null;
        var skipping = false;
        string? name = null;
        string? singleLineValue = null;
        var value = new StringBuilder();
        var lineNumber = 0;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                skipping = false;
                if (paragraph is not null)
                {
                    Flush(paragraph, ref name, ref singleLineValue, value);
                    yield return paragraph;
                    paragraph = null;
                }

                continue;
            }

            if (skipping || line[0] == '#')
            {
                continue;
            }

            if (paragraph is null && isRequested is not null && IsUnwantedPackage(line, isRequested))
            {
                skipping = true;
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (name is null)
                {
                    throw new FormatException($"line {lineNumber}: continuation line outside a field: '{line}'");
                }

                if (singleLineValue is not null)
                {
                    value.Append(singleLineValue);
                    singleLineValue = null;
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
            Flush(paragraph, ref name, ref singleLineValue, value);
            name = Share(nameLookup, names, line.AsSpan(0, colon));
            var valueSpan = line.AsSpan(colon + 1).Trim();
            singleLineValue = SharedValueFields.Contains(name)
                ? Share(valueLookup, sharedValues, valueSpan)
                : valueSpan.ToString();
        }

        if (paragraph is not null)
        {
            Flush(paragraph, ref name, ref singleLineValue, value);
            yield return paragraph;
        }
    }

    private static bool IsUnwantedPackage(string line, Func<string, bool> isRequested)
    {
        const string prefix = "Package:";
        return line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && !isRequested(line.AsSpan(prefix.Length).Trim().ToString());
    }

    private static string Share(
        Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup,
        Dictionary<string, string> strings,
        ReadOnlySpan<char> text)
    {
        if (lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        shared = text.ToString();
        strings[shared] = shared;
        return shared;
    }

    private static void Flush(
        ControlParagraph paragraph, ref string? name, ref string? singleLineValue, StringBuilder value)
    {
        if (name is not null)
        {
            paragraph.Set(name, singleLineValue ?? value.ToString());
        }

        name = null;
        singleLineValue = null;
        value.Clear();
    }
}
