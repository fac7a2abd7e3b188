using System.Globalization;
using Distill.Building;
using YamlDotNet.RepresentationModel;

namespace Distill.Specs;

/// <summary>Typed reads of YAML nodes, each rejecting a node of the wrong shape with its position.</summary>
public sealed partial class ImageSpecReader
{
    /// <summary>Returns the entries of a mapping, rejecting a key outside <paramref name="allowed"/>.</summary>
    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string[] allowed, string owner)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                var hint = Closest(key, allowed) is { } close ? $"did you mean '{close}'? " : "";
                throw Error(keyNode, $"unknown key '{key}' in {owner}: {hint}the keys are "
                    + string.Join(", ", allowed));
            }

            yield return (key, value);
        }
    }

    private Dictionary<string, YamlNode> Fields(YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => pair.Value);

    private YamlNode Required(YamlMappingNode item, Dictionary<string, YamlNode> fields, string key, string owner) =>
        fields.TryGetValue(key, out var value)
            ? value
            : throw Error(item, $"missing key '{key}' in {owner}: every entry needs one");

    /// <summary>Reads a sequence of mappings, checking each one's keys before <paramref name="read"/> runs.</summary>
    private List<T> Items<T>(YamlNode node, string key, string[] allowed, Func<YamlMappingNode, string, T> read)
    {
        var sequence = node as YamlSequenceNode
            ?? throw WrongType(node, key, "a list of mappings with the keys " + string.Join(", ", allowed));
        var items = new List<T>();
        foreach (var child in sequence.Children)
        {
            var name = $"{key}[{items.Count}]";
            var mapping = child as YamlMappingNode
                ?? throw WrongType(child, name, "a mapping with the keys " + string.Join(", ", allowed));
            _ = Entries(mapping, allowed, name).Count();
            items.Add(read(mapping, name));
        }

        return items;
    }

    private string String(YamlNode node, string key, string example, bool allowEmpty = false)
    {
        if (node is YamlScalarNode { Value: { } value } && (allowEmpty || value.Length > 0))
        {
            return value;
        }

        throw WrongType(node, key, $"a string, such as {example}");
    }

    private List<string> StringList(YamlNode node, string key, string example)
    {
        var sequence = node as YamlSequenceNode ?? throw WrongType(node, key, $"a list of strings, such as {example}");
        return [.. sequence.Children.Select((child, index) => String(child, $"{key}[{index}]", example))];
    }

    private Dictionary<string, string> StringMap(YamlNode node, string key, string example)
    {
        var mapping = node as YamlMappingNode
            ?? throw WrongType(node, key, $"a mapping of names to strings, such as {example}");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Children)
        {
            var text = String(name, key, example);
            pairs[text] = String(value, $"{key}.{text}", example, allowEmpty: true);
        }

        return pairs;
    }

    private List<string> ExecList(YamlNode node, string key)
    {
        var words = node is YamlSequenceNode { Children.Count: > 0 }
            ? StringList(node, key, "[/app/server, \"8080\"]")
            : throw WrongType(node, key, "the exec form, a non-empty list with one string per argument, such as "
                + "[/app/server, \"8080\"], because the image has no shell to split a command string");
        return words;
    }

    private List<string> Architectures(YamlNode node)
    {
        var sequence = node as YamlSequenceNode
            ?? throw WrongType(node, "architectures", "a list of strings, such as [amd64, arm64]");
        return
        [
            .. sequence.Children.Select((child, index) => Convert(child, $"architectures[{index}]", name =>
            {
                BaseImageCatalog.CheckArchitecture(name);
                return name;
            })),
        ];
    }

    private bool Boolean(YamlNode node, string key) =>
        node is YamlScalarNode { Value: "true" or "false" } scalar
            ? scalar.Value == "true"
            : throw WrongType(node, key, "true or false");

    private int Mode(YamlNode node, string key)
    {
        var text = String(node, key, "\"0755\"");
        try
        {
            var mode = System.Convert.ToInt32(text, 8);
            if (mode is >= 0 and <= 0b111_111_111_111)
            {
                return mode;
            }
        }
        catch (Exception problem) when (problem is FormatException or ArgumentException or OverflowException)
        {
        }

        throw WrongType(node, key, "octal permission bits from 0 to 7777 as a string, such as \"0755\" or \"0644\"");
    }

    private int Id(YamlNode node, string key)
    {
        var text = String(node, key, "65532");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= 0x1F_FFFF
            ? id
            : throw WrongType(node, key, "a user or group number from 0 to 2097151, such as 65532");
    }

    /// <summary>Returns the root-relative form of an absolute path in the image, such as "app/server".</summary>
    private string Destination(YamlNode node, string key)
    {
        var path = String(node, key, "/app/server");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!path.StartsWith('/') || segments.Length == 0 || segments.Any(segment => segment is "." or ".."))
        {
            throw WrongType(node, key, "an absolute path in the image below '/' without '.' or '..', such as "
                + "/app/server");
        }

        return string.Join('/', segments);
    }

    private string AbsolutePath(YamlNode node, string key)
    {
        var path = String(node, key, "/app");
        return path.StartsWith('/') ? path : throw WrongType(node, key, "an absolute path, such as /app");
    }

    /// <summary>Runs a parser of the command line's values, adding the node's position to its error.</summary>
    private T Convert<T>(YamlNode node, string key, Func<string, T> parse)
    {
        var text = String(node, key, "a name");
        try
        {
            return parse(text);
        }
        catch (DistillException problem)
        {
            throw Error(node, $"invalid '{key}': {problem.Message}");
        }
    }

    private ImageSpecException WrongType(YamlNode node, string key, string expected) =>
        Error(node, $"invalid '{key}': expected {expected}");

    private ImageSpecException Error(YamlNode node, string message) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: {message}");

    /// <summary>Returns the allowed key within two edits of <paramref name="key"/>, the likely typo.</summary>
    private static string? Closest(string key, string[] allowed) =>
        allowed.Select(candidate => (Candidate: candidate, Distance: EditDistance(key, candidate)))
            .Where(pair => pair.Distance <= 2)
            .OrderBy(pair => pair.Distance)
            .Select(pair => pair.Candidate)
            .FirstOrDefault();

    private static int EditDistance(string left, string right)
    {
        var previous = Enumerable.Range(0, right.Length + 1).ToArray();
        for (var i = 1; i <= left.Length; i++)
        {
            var current = new int[right.Length + 1];
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[right.Length];
    }
}
