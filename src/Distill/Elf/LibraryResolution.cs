namespace Distill.Elf;

/// <summary>
/// A shared library found for a DT_NEEDED entry. <see cref="Path"/> is where the search found it, as the
/// loader opens it; <see cref="RealPath"/> is that path with every symbolic link resolved.
/// <see cref="Chain"/> runs from the program to this library, by the first DT_NEEDED that loaded it.
/// </summary>
public sealed record ResolvedLibrary(
    string Name,
    string Path,
    string RealPath,
    ElfFile Elf,
    IReadOnlyList<string> Chain,
    IReadOnlyList<SkippedCandidate> Skipped)
{
    public string FormatChain() => string.Join(" -> ", Chain);
}

/// <summary>A file the search tried and passed over, and why ("ELF machine 183 (arm64), expected 62").</summary>
public sealed record SkippedCandidate(string Path, string Reason);

/// <summary>
/// A DT_NEEDED entry the loader could not satisfy. <see cref="Problem"/> is "not found" or the error that
/// would stop the loader, such as an invalid ELF header.
/// </summary>
public sealed record MissingLibrary(
    string Name, IReadOnlyList<string> Chain, string Problem, IReadOnlyList<SkippedCandidate> Skipped)
{
    public string FormatChain() => string.Join(" -> ", Chain);

    public override string ToString() => $"{Name}: {Problem} (needed by {FormatChain()})";
}

/// <summary>
/// The outcome of resolving a program's dependencies in an image. <see cref="Interpreter"/> is the path
/// from PT_INTERP, null for a static program. <see cref="InterpreterProblem"/> is why it cannot start.
/// <see cref="Libraries"/> lists each loaded library once, in the breadth-first order the loader uses.
/// </summary>
public sealed record LibraryResolution(
    string Program,
    ElfFile ProgramElf,
    string? Interpreter,
    string? InterpreterProblem,
    IReadOnlyList<ResolvedLibrary> Libraries,
    IReadOnlyList<MissingLibrary> Missing)
{
    public bool IsComplete => InterpreterProblem is null && Missing.Count == 0;

    /// <summary>Returns one line per problem: the interpreter first, then each missing library.</summary>
    public IReadOnlyList<string> FormatProblems()
    {
        var problems = new List<string>();
        if (InterpreterProblem is not null)
        {
            problems.Add($"interpreter {Interpreter} of {Program}: {InterpreterProblem}");
        }

        problems.AddRange(Missing.Select(missing => missing.ToString()));
        return problems;
    }
}

/// <summary>Settings of the process that the resolver models.</summary>
public sealed record LibraryResolverOptions
{
    /// <summary>The LD_LIBRARY_PATH of the process, with ':' or ';' separators, or null when unset.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>The working directory, against which relative and empty search path elements resolve.</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>What $PLATFORM expands to; null takes the value for the program's architecture, if any.</summary>
    public string? Platform { get; init; }
}
