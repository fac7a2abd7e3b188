namespace Distill.Dockerfiles;

public enum LintSeverity
{
    Error,
    Warning,
}

/// <summary>A problem the linter found, at the 1-based line and column of the instruction.</summary>
public sealed record LintFinding(int Line, int Column, string Rule, LintSeverity Severity, string Message);

/// <summary>The ids of the linter's rules.</summary>
public static class LintRules
{
    /// <summary>Shell-form ENTRYPOINT, CMD or HEALTHCHECK CMD in a stage whose base has no /bin/sh.</summary>
    public const string ShellFormWithoutShell = "DS001";

    /// <summary>Shell-form RUN in a stage whose base has no /bin/sh.</summary>
    public const string RunWithoutShell = "DS002";

    /// <summary>An ENTRYPOINT program (or CMD program with no entrypoint) that depends on WORKDIR or PATH.</summary>
    public const string RelativeProgram = "DS003";

    /// <summary>A USER that the base's /etc/passwd or /etc/group lacks.</summary>
    public const string UnknownUser = "DS004";

    /// <summary>A shell-form CMD after ENTRYPOINT [], which makes /bin/sh the container's first process.</summary>
    public const string ShellCmdAfterEmptyEntrypoint = "DS005";

    /// <summary>
    /// An exec form that is not valid JSON, which Docker then runs in the shell form: an error where the stage
    /// has no shell, a warning elsewhere.
    /// </summary>
    public const string MalformedExecForm = "DS006";

    /// <summary>
    /// A shell-form CMD after an exec-form ENTRYPOINT, which passes "/bin/sh", "-c" and the text to the
    /// entrypoint as its arguments.
    /// </summary>
    public const string ShellCmdAfterExecEntrypoint = "DS007";
}
