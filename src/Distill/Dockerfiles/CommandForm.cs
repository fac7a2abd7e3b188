using System.Text;
using System.Text.Json;

namespace Distill.Dockerfiles;

/// <summary>
/// The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD. Docker takes the text as the exec form when it
/// is a JSON array of strings, and as the shell form otherwise, even when it starts with "[". The shell form
/// runs as /bin/sh -c TEXT unless a SHELL instruction names another shell.
/// </summary>
public sealed record CommandForm(string Text, IReadOnlyList<string>? ExecArguments)
{
    public bool IsExecForm => ExecArguments is not null;

    /// <summary>Whether the text starts like a JSON array but Docker still reads it as the shell form.</summary>
    public bool IsMalformedExecForm => ExecArguments is null && Text.StartsWith('[');

    public static CommandForm Parse(string text)
    {
        text = text.Trim();
        return new CommandForm(text, TryParseJsonArray(text));
    }

    /// <summary>Returns the strings of a JSON array, or null when the text is not a JSON array of strings.</summary>
    public static IReadOnlyList<string>? TryParseJsonArray(string text)
    {
        if (!text.StartsWith('['))
        {
            return null;
        }

        try
        {
            // Go's encoding/json, which Docker uses, leaves a string empty for a JSON null.
            return JsonSerializer.Deserialize<List<string?>>(text)?.Select(item => item ?? "").ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Formats words as a JSON array the way a Dockerfile writes the exec form: ["a", "b"].</summary>
    public static string FormatExecForm(IEnumerable<string> words)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var word in words)
        {
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            text.Append('"');
            foreach (var c in word)
            {
                text.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    _ => c.ToString(),
                });
            }

            text.Append('"');
        }

        return text.Append(']').ToString();
    }
}
