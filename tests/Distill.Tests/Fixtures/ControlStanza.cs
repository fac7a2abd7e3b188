using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// An ordered deb822 paragraph that the fixtures write. It is separate from Distill's own parser
/// so that a bug in the code under test cannot hide in the fixture that checks it.
/// </summary>
public sealed class ControlStanza
{
    private readonly List<KeyValuePair<string, string>> fields = [];

    public IReadOnlyList<KeyValuePair<string, string>> Fields => fields;

    public string? this[string name] =>
        fields.FirstOrDefault(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Appends a field, or replaces the value of a field with the same name in its place.</summary>
    public ControlStanza Set(string name, string value)
    {
        var index = fields.FindIndex(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            fields[index] = new(fields[index].Key, value);
        }
        else
        {
            fields.Add(new(name, value));
        }

        return this;
    }

    public ControlStanza SetIfPresent(string name, string? value) =>
        string.IsNullOrEmpty(value) ? this : Set(name, value);

    /// <summary>
    /// Writes "Name: value" lines ending in "\n". A value whose first line is empty, as in the hash lists
    /// of a Release file, starts on the next line.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(':');
            if (!value.StartsWith('\n'))
            {
                text.Append(' ');
            }

            text.Append(value).Append('\n');
        }

        return text.ToString();
    }
}
