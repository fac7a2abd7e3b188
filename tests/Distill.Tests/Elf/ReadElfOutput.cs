using System.Text.RegularExpressions;
using Distill.Tests.Support;

namespace Distill.Tests.Elf;

/// <summary>The fields that binutils' readelf prints for a file with -h, -l and -d, parsed from its output.</summary>
internal sealed partial record ReadElfOutput(
    string Class,
    string Type,
    string? Interpreter,
    int ProgramHeaderCount,
    bool HasDynamicSegment,
    IReadOnlyList<string> Needed,
    string? Soname,
    string? RPath,
    string? RunPath,
    bool HasPieFlag)
{
    public static ReadElfOutput Run(string path)
    {
        var header = ProcessRunner.Run("readelf", ["-hW", path]);
        var segments = ProcessRunner.Run("readelf", ["-lW", path]);
        var dynamic = ProcessRunner.Run("readelf", ["-dW", path]);
        var count = ProgramHeaderCountPattern().Match(segments);
        var flags1 = Flags1Pattern().Match(dynamic);
        return new ReadElfOutput(
            HeaderField(header, "Class"),
            HeaderField(header, "Type").Split(' ')[0],
            InterpreterPattern().Match(segments) is { Success: true } interpreter ? interpreter.Groups[1].Value : null,
            count.Success ? int.Parse(count.Groups[1].Value) : 0,
            DynamicSegmentPattern().IsMatch(segments),
            BracketedAll(dynamic, "Shared library: "),
            Bracketed(dynamic, "Library soname: "),
            Bracketed(dynamic, "Library rpath: "),
            Bracketed(dynamic, "Library runpath: "),
            flags1.Success && flags1.Groups[1].Value.Split(' ').Contains("PIE"));
    }

    private static string HeaderField(string output, string name) =>
        Regex.Match(output, @"^\s*" + name + @":\s*(.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();

    private static string? Bracketed(string output, string label) => BracketedAll(output, label).LastOrDefault();

    private static List<string> BracketedAll(string output, string label) =>
        Regex.Matches(output, Regex.Escape(label) + @"\[(.*)\]").Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex(@"\[Requesting program interpreter: (.*)\]")]
    private static partial Regex InterpreterPattern();

    [GeneratedRegex(@"There (?:are|is) (\d+) program headers?")]
    private static partial Regex ProgramHeaderCountPattern();

    [GeneratedRegex(@"^\s*DYNAMIC\s", RegexOptions.Multiline)]
    private static partial Regex DynamicSegmentPattern();

    [GeneratedRegex(@"\(FLAGS_1\)\s+Flags: (.*)$", RegexOptions.Multiline)]
    private static partial Regex Flags1Pattern();
}
