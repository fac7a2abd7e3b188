namespace Distill.Dockerfiles;

/// <summary>
/// Warns about a program given by a relative path, which the runtime resolves against WORKDIR, and about a
/// bare program name on an image whose files are known, which the runtime looks up in PATH and not in
/// WORKDIR. Either breaks when WORKDIR changes or when the program was copied elsewhere.
/// </summary>
internal static class ProgramPathRule
{
    public static void Check(
        Instruction instruction, string label, string program, StageState state, List<LintFinding> findings)
    {
        if (program.StartsWith('/') || program.Length == 0)
        {
            return;
        }

        var workdir = state.WorkdirLine is { } line
            ? $"{state.Workdir}, set on line {line}"
            : $"{state.Workdir}, the default of {state.Base.Reference}";
        var absolute = state.Resolve(program);
        if (program.Contains('/'))
        {
            Add(instruction, findings,
                $"{label} program \"{program}\" is a relative path, so it depends on the WORKDIR in effect "
                + $"({workdir}): write \"{absolute}\"");
            return;
        }

        // Only an image whose files are known can lack the program for certain. A debug variant also has
        // busybox's applets on PATH.
        if (!state.Base.KnownContents || state.Base.Debug || IsCopiedOntoPath(program, state))
        {
            return;
        }

        Add(instruction, findings,
            $"{label} program \"{program}\" has no slash, so the runtime looks it up in PATH "
            + $"({StageBase.DistrolessPath}), not in the WORKDIR ({workdir}), and {state.Base.Reference} has no such "
            + $"program there: write \"{absolute}\" if the program is in the WORKDIR, or else its absolute path");
    }

    private static void Add(Instruction instruction, List<LintFinding> findings, string message) =>
        findings.Add(new LintFinding(
            instruction.Line, instruction.Column, LintRules.RelativeProgram, LintSeverity.Warning, message));

    private static bool IsCopiedOntoPath(string program, StageState state) =>
        StageBase.DistrolessPath.Split(':').Any(directory => state.Copied($"{directory}/{program}"));
}
