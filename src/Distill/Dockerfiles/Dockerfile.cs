namespace Distill.Dockerfiles;

/// <summary>
/// A parsed Dockerfile: its parser directives (keys in lower case, such as "syntax" and "escape"), the
/// escape character, and its instructions in order.
/// </summary>
public sealed record Dockerfile(
    IReadOnlyDictionary<string, string> Directives,
    char EscapeCharacter,
    IReadOnlyList<Instruction> Instructions);

/// <summary>
/// One instruction. <see cref="Arguments"/> is the text after the keyword with line continuations joined,
/// comment lines inside the continuation removed and outer whitespace trimmed. Line and column are 1-based
/// and give the first character of the keyword.
/// </summary>
public sealed record Instruction(
    string Keyword,
    string Arguments,
    int Line,
    int Column,
    IReadOnlyList<Heredoc> Heredocs)
{
    /// <summary>The instruction as written, on one line, for messages.</summary>
    public override string ToString() => $"{Keyword} {Arguments}";
}

/// <summary>
/// A here-document: the name after &lt;&lt;, whether the name was quoted (which turns off variable
/// expansion in the body), whether it was &lt;&lt;- (leading tabs stripped), and the body with a final newline
/// after each line.
/// </summary>
public sealed record Heredoc(string Name, bool Quoted, bool StripTabs, string Content);
