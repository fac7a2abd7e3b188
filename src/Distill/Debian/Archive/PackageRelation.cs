namespace Distill.Debian.Archive;

/// <summary>
/// One package in a relationship field (Depends, Pre-Depends, Provides): a name with an optional
/// architecture qualifier ("perl:any") and an optional version constraint ("(>= 2.36)").
/// </summary>
/// <param name="Operator">One of "&lt;&lt;", "&lt;=", "=", "&gt;=", "&gt;&gt;", or null without a constraint.</param>
public sealed record PackageRelation(
    string Name, string? ArchitectureQualifier, string? Operator, DebianVersion? Version)
{
    /// <summary>
    /// Parses a relationship field into its comma-separated groups of '|'-separated alternatives, as
    /// Debian policy 7.1 defines them. Architecture restrictions ("[amd64]") and build profiles
    /// ("&lt;!nocheck&gt;") are dropped, because they never apply to a binary package's fields.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<PackageRelation>> ParseAlternatives(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var groups = new List<IReadOnlyList<PackageRelation>>();
        foreach (var group in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var alternatives = group.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            groups.Add(alternatives.Select(ParseOne).ToArray());
        }

        return groups;
    }

    /// <summary>Parses a field without alternatives, such as Provides.</summary>
    public static IReadOnlyList<PackageRelation> ParseList(string? field) =>
        ParseAlternatives(field).SelectMany(group => group).ToArray();

    public override string ToString()
    {
        var name = ArchitectureQualifier is null ? Name : $"{Name}:{ArchitectureQualifier}";
        return Operator is null ? name : $"{name} ({Operator} {Version})";
    }

    private static PackageRelation ParseOne(string text)
    {
        var open = text.IndexOf('(');
        var close = open < 0 ? -1 : text.IndexOf(')', open);
        if (open >= 0 && close < 0)
        {
            throw new FormatException($"invalid package relation '{text}': the version constraint has no ')'");
        }

        var nameText = RemoveRestrictions(open < 0 ? text : text[..open]).Trim();
        if (nameText.Length == 0 || nameText.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"invalid package relation '{text}': expected 'name[:arch] [(op version)]'");
        }

        var colon = nameText.IndexOf(':');
        var name = colon < 0 ? nameText : nameText[..colon];
        var qualifier = colon < 0 ? null : nameText[(colon + 1)..];
        if (open < 0)
        {
            return new PackageRelation(name, qualifier, null, null);
        }

        var (op, version) = ParseConstraint(text, text[(open + 1)..close].Trim());
        return new PackageRelation(name, qualifier, op, version);
    }

    private static (string Operator, DebianVersion Version) ParseConstraint(string text, string constraint)
    {
        var length = OperatorLength(constraint);
        if (length == 0)
        {
            throw new FormatException(
                $"invalid package relation '{text}': expected <<, <=, =, >= or >> before the version");
        }

        // The single '<' and '>' are obsolete spellings of "<=" and ">=" (Debian policy 7.1).
        var op = constraint[..length] switch
        {
            "<" => "<=",
            ">" => ">=",
            var other => other,
        };
        return (op, DebianVersion.Parse(constraint[length..]));
    }

    private static int OperatorLength(string constraint)
    {
        if (constraint.StartsWith("<<") || constraint.StartsWith("<=") || constraint.StartsWith(">=")
            || constraint.StartsWith(">>"))
        {
            return 2;
        }

        return constraint.StartsWith('=') || constraint.StartsWith('<') || constraint.StartsWith('>') ? 1 : 0;
    }

    /// <summary>Removes architecture restrictions ("[amd64]") and build profiles ("&lt;!nocheck&gt;").</summary>
    private static string RemoveRestrictions(string text) => RemoveBracketed(RemoveBracketed(text, '[', ']'), '<', '>');

    private static string RemoveBracketed(string text, char open, char close)
    {
        var start = text.IndexOf(open);
        while (start >= 0)
        {
            var end = text.IndexOf(close, start);
            text = end < 0 ? text[..start] : text[..start] + text[(end + 1)..];
            start = text.IndexOf(open);
        }

        return text;
    }
}
