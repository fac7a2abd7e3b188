using System.Text.Json;

namespace Distill.Applications;

/// <summary>
/// Parses the value of --entrypoint or --cmd, which must be the exec form of a command: a JSON array of
/// strings ('["/app/server","8080"]'), or one word without spaces or shell syntax ('/app/server'). A
/// distroless image has no shell to run a command string, so a string such as "/app/server 8080" is rejected.
/// </summary>
public static class ExecForm
{
    private static readonly char[] ShellSyntax =
        [' ', '\t', '\n', ';', '|', '&', '$', '<', '>', '(', ')', '`', '\'', '"', '*', '?', '{', '}', '~', '\\'];

    public static IReadOnlyList<string> Parse(string option, string value)
    {
        if (value.TrimStart().StartsWith('['))
        {
            return ParseArray(option, value);
        }

        if (value.Length == 0 || value.IndexOfAny(ShellSyntax) >= 0)
        {
            throw new ShellFormCommandException(option, value, SuggestArray(value));
        }

        return [value];
    }

    private static IReadOnlyList<string> ParseArray(string option, string value)
    {
        string[]? words;
        try
        {
            words = JsonSerializer.Deserialize<string[]>(value);
        }
        catch (JsonException)
        {
            words = null;
        }

        if (words is null || words.Length == 0 || words.Any(word => word is null))
        {
            throw new ShellFormCommandException(option, value, "[\"/path/to/program\",\"argument\"]");
        }

        return words;
    }

    /// <summary>Returns the JSON array that splits a command string at its spaces, the likely intent.</summary>
    private static string SuggestArray(string value)
    {
        var words = value.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return JsonSerializer.Serialize(words.Length == 0 ? ["/path/to/program"] : words);
    }
}
