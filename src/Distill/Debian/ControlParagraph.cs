namespace Distill.Debian;

/// <summary>
/// One paragraph of a Debian control file (deb822): an ordered list of fields whose names
/// compare without regard to case, as Debian policy 5.1 requires.
/// </summary>
public sealed class ControlParagraph
{
    private readonly List<KeyValuePair<string, string>> fields = [];
    private readonly Dictionary<string, int> indexByName = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    /// <summary>The value of a field, or null. A multi-line value keeps its continuation lines.</summary>
    public string? this[string name] => indexByName.TryGetValue(name, out var index) ? fields[index].Value : null;

    public string Require(string name) =>
        this[name] ?? throw new FormatException($"control paragraph has no {name} field");

    /// <summary>Sets a field, keeping its position if it exists and appending it otherwise.</summary>
    public void Set(string name, string value)
    {
        if (indexByName.TryGetValue(name, out var index))
        {
            fields[index] = new(fields[index].Key, value);
            return;
        }

        indexByName[name] = fields.Count;
        fields.Add(new(name, value));
    }

    /// <summary>Writes the paragraph in control-file syntax, ending with a newline.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(':');
            if (value.Length > 0 && value[0] != '\n')
            {
                text.Append(' ');
            }

            text.Append(value).Append('\n');
        }

        return text.ToString();
    }
}
