using System.Text;

namespace Distill.Dockerfiles;

/// <summary>
/// A shell-form command split into words as a POSIX shell would for plain words: blanks separate words,
/// quotes and backslashes are removed. <see cref="ShellSyntax"/> describes the first construct that only a
/// shell can run (an operator, expansion, glob, builtin or variable assignment), or is null when the words
/// can run without a shell, as the exec form.
/// </summary>
public sealed record ShellWords(IReadOnlyList<string> Words, string? ShellSyntax)
{
    private static readonly IReadOnlySet<string> Builtins = new HashSet<string>
    {
        ".", ":", "alias", "break", "case", "cd", "continue", "eval", "exit", "export", "for", "if",
        "read", "readonly", "return", "set", "shift", "source", "trap", "ulimit", "umask", "unset",
        "until", "wait", "while", "{", "!",
    };

    public static ShellWords Split(string text)
    {
        var splitter = new Splitter(text);
        splitter.Run();
        var words = splitter.Words;
        var syntax = splitter.Syntax ?? FindCommandSyntax(words);

        // "exec PROGRAM ARGS" replaces the shell with the program, which is what the exec form does directly.
        if (syntax is null && words.Count > 1 && words[0] == "exec")
        {
            words.RemoveAt(0);
        }

        return new ShellWords(words, syntax);
    }

    private static string? FindCommandSyntax(List<string> words)
    {
        if (words.Count == 0)
        {
            return "an empty command";
        }

        var first = words[0];
        var equals = first.IndexOf('=');
        if (equals > 0 && first[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"the variable assignment \"{first}\"";
        }

        return Builtins.Contains(first) || (first == "exec" && words.Count == 1)
            ? $"the shell builtin \"{first}\""
            : null;
    }

    private sealed class Splitter(string text)
    {
        private readonly StringBuilder word = new();
        private bool inWord;
        private int position;

        public List<string> Words { get; } = [];

        public string? Syntax { get; private set; }

        public void Run()
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c is ' ' or '\t' or '\n')
                {
                    EndWord();
                    position++;
                }
                else
                {
                    ReadCharacter(c);
                }
            }

            EndWord();
        }

        private void ReadCharacter(char c)
        {
            var wordStart = !inWord;
            inWord = true;
            switch (c)
            {
                case '\'':
                    ReadSingleQuoted();
                    break;
                case '"':
                    ReadDoubleQuoted();
                    break;
                case '\\':
                    if (position + 1 < text.Length)
                    {
                        word.Append(text[position + 1]);
                    }

                    position += 2;
                    break;
                case '$' or '`':
                    Report($"the expansion \"{ReadExpansion()}\"");
                    break;
                case '&' or '|' or ';' or '<' or '>' or '(' or ')':
                    var next = position + 1 < text.Length ? text[position + 1] : '\0';
                    var doubled = next == c && c is '&' or '|' or '<' or '>';
                    Report($"the operator \"{(doubled ? new string(c, 2) : c.ToString())}\"");
                    position += doubled ? 2 : 1;
                    break;
                case '*' or '?' or '[':
                    Report($"the glob \"{c}\"");
                    word.Append(c);
                    position++;
                    break;
                case '#' or '~' when wordStart:
                    Report(c == '#' ? "the comment \"#\"" : "the tilde expansion \"~\"");
                    word.Append(c);
                    position++;
                    break;
                default:
                    word.Append(c);
                    position++;
                    break;
            }
        }

        private void ReadSingleQuoted()
        {
            var close = text.IndexOf('\'', position + 1);
            if (close < 0)
            {
                Report("an unterminated quote");
                word.Append(text[(position + 1)..]);
                position = text.Length;
                return;
            }

            word.Append(text[(position + 1)..close]);
            position = close + 1;
        }

        private void ReadDoubleQuoted()
        {
            position++;
            while (position < text.Length && text[position] != '"')
            {
                var c = text[position];
                if (c == '\\' && position + 1 < text.Length && text[position + 1] is '$' or '`' or '"' or '\\' or '\n')
                {
                    word.Append(text[position + 1]);
                    position += 2;
                }
                else if (c is '$' or '`')
                {
                    Report($"the expansion \"{ReadExpansion()}\"");
                }
                else
                {
                    word.Append(c);
                    position++;
                }
            }

            if (position >= text.Length)
            {
                Report("an unterminated quote");
            }

            position++;
        }

        /// <summary>Reads $NAME, ${...}, $(...) or `...` at the position and returns it as written.</summary>
        private string ReadExpansion()
        {
            var start = position;
            var end = position + 1;
            if (text[start] == '`')
            {
                end = text.IndexOf('`', start + 1) is var close and >= 0 ? close + 1 : text.Length;
            }
            else if (end < text.Length && text[end] is '{' or '(')
            {
                var closing = text[end] == '{' ? '}' : ')';
                end = text.IndexOf(closing, end) is var close and >= 0 ? close + 1 : text.Length;
            }
            else
            {
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                if (end == start + 1 && end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
            }

            word.Append(text[start..end]);
            position = end;
            return text[start..end];
        }

        private void Report(string syntax) => Syntax ??= syntax;

        private void EndWord()
        {
            if (inWord)
            {
                Words.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }
    }
}
