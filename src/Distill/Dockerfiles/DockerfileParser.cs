using System.Text;
using System.Text.RegularExpressions;

namespace Distill.Dockerfiles;

/// <summary>
/// Reads a Dockerfile the way Docker's own parser does: parser directives at the top, comment lines,
/// line continuations with the escape character, and here-documents for RUN, COPY and ADD.
/// </summary>
public static partial class DockerfileParser
{
    /// <summary>The instructions of Docker's Dockerfile reference, in upper case.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
        "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    /// <summary>The parser directives Docker reads. Other lines of the same shape are comments.</summary>
    private static readonly IReadOnlySet<string> KnownDirectives = new HashSet<string> { "syntax", "escape", "check" };

    private static readonly IReadOnlySet<string> HeredocKeywords = new HashSet<string> { "RUN", "COPY", "ADD" };

    public static Dockerfile Parse(string text)
    {
        var lines = SplitLines(text);
        var index = 0;
        var directives = ReadDirectives(lines, ref index);
        var escape = ParseEscape(directives);
        var instructions = new List<Instruction>();

        while (index < lines.Count)
        {
            var line = lines[index];
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                index++;
                continue;
            }

            var lineNumber = index + 1;
            var column = line.Length - trimmed.Length + 1;
            var logicalLine = ReadLogicalLine(lines, ref index, trimmed, escape);
            instructions.Add(CreateInstruction(logicalLine, lineNumber, column, lines, ref index));
        }

        return new Dockerfile(directives, escape, instructions);
    }

    private static List<string> SplitLines(string text)
    {
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>
    /// Reads "# key=value" lines from the top of the file. The first line of another shape, including an
    /// empty line or a plain comment, ends the directives, as in Docker.
    /// </summary>
    private static Dictionary<string, string> ReadDirectives(List<string> lines, ref int index)
    {
        var directives = new Dictionary<string, string>();
        var directiveLines = new Dictionary<string, int>();
        for (; index < lines.Count; index++)
        {
            var match = DirectivePattern().Match(lines[index]);
            if (!match.Success)
            {
                break;
            }

            var name = match.Groups[1].Value.ToLowerInvariant();
            if (!KnownDirectives.Contains(name))
            {
                continue;
            }

            if (directiveLines.TryGetValue(name, out var first))
            {
                throw new DockerfileSyntaxException(index + 1,
                    $"parser directive '{name}' is already set on line {first}: remove one of them");
            }

            directiveLines[name] = index + 1;
            directives[name] = match.Groups[2].Value;
        }

        return directives;
    }

    private static char ParseEscape(Dictionary<string, string> directives)
    {
        if (!directives.TryGetValue("escape", out var value))
        {
            return '\\';
        }

        return value switch
        {
            "\\" => '\\',
            "`" => '`',
            _ => throw new DockerfileSyntaxException(1,
                $"invalid escape directive '{value}': the escape character must be \\ or `"),
        };
    }

    /// <summary>
    /// Joins a line ending in the escape character with the lines after it. Comment lines and empty lines
    /// inside the continuation are skipped, as Docker does; the leading whitespace of a continued line is kept.
    /// </summary>
    private static string ReadLogicalLine(List<string> lines, ref int index, string first, char escape)
    {
        var text = new StringBuilder();
        var current = first;
        index++;
        while (TrimContinuation(current, escape) is { } body)
        {
            text.Append(body);
            while (index < lines.Count && IsSkippedInContinuation(lines[index]))
            {
                index++;
            }

            if (index == lines.Count)
            {
                return text.ToString();
            }

            current = lines[index];
            index++;
        }

        text.Append(current);
        return text.ToString();
    }

    /// <summary>Returns the line without its final escape character and trailing blanks, or null.</summary>
    private static string? TrimContinuation(string line, char escape)
    {
        var end = line.TrimEnd(' ', '\t');
        return end.Length > 0 && end[^1] == escape ? end[..^1] : null;
    }

    private static bool IsSkippedInContinuation(string line)
    {
        var trimmed = line.TrimStart(' ', '\t');
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    private static Instruction CreateInstruction(
        string logicalLine, int lineNumber, int column, List<string> lines, ref int index)
    {
        var keywordEnd = 0;
        while (keywordEnd < logicalLine.Length && !char.IsWhiteSpace(logicalLine[keywordEnd]))
        {
            keywordEnd++;
        }

        var keyword = logicalLine[..keywordEnd].ToUpperInvariant();
        if (!Keywords.Contains(keyword))
        {
            throw new DockerfileSyntaxException(lineNumber,
                $"unknown instruction '{logicalLine[..keywordEnd]}': the instructions are "
                + string.Join(", ", Keywords.Order()));
        }

        var arguments = logicalLine[keywordEnd..].Trim();
        var heredocs = HeredocKeywords.Contains(keyword)
            ? ReadHeredocs(arguments, lineNumber, lines, ref index)
            : [];
        return new Instruction(keyword, arguments, lineNumber, column, heredocs);
    }

    /// <summary>
    /// Reads the body of each here-document that the instruction opens, in order, from the lines after it.
    /// </summary>
    private static List<Heredoc> ReadHeredocs(string arguments, int lineNumber, List<string> lines, ref int index)
    {
        var heredocs = new List<Heredoc>();
        foreach (var marker in HeredocMarkers.Find(arguments))
        {
            var content = new StringBuilder();
            var terminated = false;
            while (index < lines.Count)
            {
                var line = marker.StripTabs ? lines[index].TrimStart('\t') : lines[index];
                index++;
                if (line == marker.Name)
                {
                    terminated = true;
                    break;
                }

                content.Append(line).Append('\n');
            }

            if (!terminated)
            {
                throw new DockerfileSyntaxException(lineNumber,
                    $"here-document <<{marker.Name} has no line '{marker.Name}' to end it");
            }

            heredocs.Add(new Heredoc(marker.Name, marker.Quoted, marker.StripTabs, content.ToString()));
        }

        return heredocs;
    }

    [GeneratedRegex(@"^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$")]
    private static partial Regex DirectivePattern();
}
