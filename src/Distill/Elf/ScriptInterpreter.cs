using System.Text;

namespace Distill.Elf;

/// <summary>
/// The interpreter of a script, from its "#!" line: the path and the optional single argument. Like the
/// kernel, everything after the path and its separating spaces or tabs is one argument ("#!/usr/bin/env
/// python3 -u" gives the argument "python3 -u").
/// </summary>
public sealed record ScriptInterpreter(string Path, string? Argument)
{
    /// <summary>
    /// The number of bytes the kernel reads to find the "#!" line: BINPRM_BUF_SIZE, 256 since Linux 5.1
    /// (128 before). The last byte is kept for a NUL, so a line without a newline is cut after 255 bytes.
    /// </summary>
    public const int MaxLineLength = 256;

    /// <summary>
    /// Returns the interpreter named by the first line of a file, or null when the file does not start with
    /// "#!". Raises <see cref="InvalidScriptException"/> for a "#!" line the kernel rejects with ENOEXEC: no
    /// interpreter path, or a path cut off by the 255-byte limit.
    /// </summary>
    public static ScriptInterpreter? Read(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.Length < 2 || content[0] != (byte)'#' || content[1] != (byte)'!')
        {
            return null;
        }

        var buffer = content[..Math.Min(content.Length, MaxLineLength - 1)];
        var newline = buffer.IndexOf((byte)'\n');
        var line = newline >= 0 ? buffer[2..newline] : buffer[2..];
        var start = SkipSpaces(line, 0);
        if (newline < 0 && content.Length >= MaxLineLength - 1 && line[start..].IndexOfAny(" \t\0"u8) < 0)
        {
            throw new InvalidScriptException(
                fileName, $"the interpreter path does not end within the first {MaxLineLength - 1} bytes");
        }

        line = line.TrimEnd(" \t"u8);
        if (start >= line.Length || line[start] == 0)
        {
            throw new InvalidScriptException(fileName, "the \"#!\" line names no interpreter");
        }

        var pathEnd = line[start..].IndexOfAny(" \t\0"u8);
        var path = pathEnd < 0 ? line[start..] : line.Slice(start, pathEnd);
        string? argument = null;
        if (pathEnd >= 0 && line[start + pathEnd] != 0)
        {
            var argumentStart = SkipSpaces(line, start + pathEnd);
            var rest = line[argumentStart..];
            var nul = rest.IndexOf((byte)0);
            rest = nul >= 0 ? rest[..nul] : rest;
            argument = rest.Length > 0 ? Encoding.UTF8.GetString(rest) : null;
        }

        return new ScriptInterpreter(Encoding.UTF8.GetString(path), argument);
    }

    /// <summary>Reads the first <see cref="MaxLineLength"/> bytes of a stream and parses them as above.</summary>
    public static ScriptInterpreter? Read(Stream stream, string fileName)
    {
        var buffer = new byte[MaxLineLength];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Read(buffer.AsSpan(0, length), fileName);
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int index)
    {
        while (index < line.Length && line[index] is (byte)' ' or (byte)'\t')
        {
            index++;
        }

        return index;
    }
}
