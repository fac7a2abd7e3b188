namespace Distill.Dockerfiles;

/// <summary>
/// The rules about the shell form: Docker runs a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD as
/// /bin/sh -c TEXT (or with the program of the last SHELL instruction), which fails where the base has no
/// such program. Distill's and Google's distroless images have none, and their debug variants have busybox's
/// shell at /busybox/sh only.
/// </summary>
internal sealed class ShellRules(StageState state, List<LintFinding> findings)
{
    private const int MaxQuotedLength = 60;

    private string BaseName => state.Base.Reference;

    /// <summary>
    /// Checks CMD, ENTRYPOINT or HEALTHCHECK CMD. The suggested fix starts with <paramref name="prefix"/>.
    /// </summary>
    public void CheckCommand(Instruction instruction, CommandForm form, string label, string? prefix = null)
    {
        if (CheckMalformedExecForm(instruction, form, prefix ?? label) || form.IsExecForm || ShellAvailable())
        {
            return;
        }

        var message = $"{Subject(label, form.Text)}: {SuggestFix(form.Text, prefix ?? label)}";
        Add(instruction, LintRules.ShellFormWithoutShell, LintSeverity.Error, message);
    }

    public void CheckCmdAfterEmptyEntrypoint(Instruction instruction, CommandForm form)
    {
        if (CheckMalformedExecForm(instruction, form, "CMD"))
        {
            return;
        }

        var lead = $"ENTRYPOINT [] on line {state.EntrypointLine} clears the entrypoint, and ";
        if (!ShellAvailable())
        {
            var message = $"{lead}{Subject("CMD", form.Text)}: {SuggestFix(form.Text, "CMD")}";
            Add(instruction, LintRules.ShellCmdAfterEmptyEntrypoint, LintSeverity.Error, message);
            return;
        }

        var words = ShellWords.Split(form.Text);
        var fix = words.ShellSyntax is null
            ? $"write the exec form CMD {CommandForm.FormatExecForm(words.Words)}"
            : "start the last command with exec, or move this logic into the program";
        Add(instruction, LintRules.ShellCmdAfterEmptyEntrypoint, LintSeverity.Warning,
            $"{lead}CMD \"{Shorten(form.Text)}\" in the shell form makes {Runner()} the container's first process, "
            + $"so the program receives SIGTERM only if the shell replaces itself with it: {fix}");
    }

    /// <summary>
    /// Reports a shell-form CMD after an exec-form ENTRYPOINT: Docker appends ["/bin/sh", "-c", TEXT] to the
    /// entrypoint, so the program receives those three arguments on any base.
    /// </summary>
    public void CheckCmdAfterExecEntrypoint(Instruction instruction, CommandForm form)
    {
        if (CheckMalformedExecForm(instruction, form, "CMD"))
        {
            return;
        }

        var words = ShellWords.Split(form.Text);
        var fix = words.ShellSyntax is null
            ? $"write the exec form CMD {CommandForm.FormatExecForm(words.Words)}"
            : $"write the arguments as a JSON array, because {words.ShellSyntax} needs a shell";
        var entrypoint = CommandForm.FormatExecForm(state.Entrypoint!);
        Add(instruction, LintRules.ShellCmdAfterExecEntrypoint, LintSeverity.Error,
            $"CMD \"{Shorten(form.Text)}\" is in the shell form, so ENTRYPOINT {entrypoint} "
            + $"on line {state.EntrypointLine} receives the arguments \"/bin/sh\", \"-c\" and the text: {fix}");
    }

    public void CheckRun(Instruction instruction)
    {
        var form = CommandForm.Parse(InstructionFlags.Parse(instruction.Arguments).Rest);
        if (CheckMalformedExecForm(instruction, form, "RUN") || form.IsExecForm || state.Base.HasShell)
        {
            return;
        }

        if (instruction.Heredocs is [var heredoc] && form.Text.StartsWith("<<", StringComparison.Ordinal)
            && heredoc.Content.StartsWith("#!", StringComparison.Ordinal))
        {
            CheckShebang(instruction, heredoc);
            return;
        }

        if (ShellAvailable())
        {
            return;
        }

        var fix = state.Base.Debug && state.Shell is null
            ? "add SHELL [\"/busybox/sh\", \"-c\"] before this RUN"
            : "run it in an earlier stage that has a shell and COPY --from that stage what it makes, "
                + "or use the exec form RUN [\"/path/to/program\", ...] for a program this stage contains";
        Add(instruction, LintRules.RunWithoutShell, LintSeverity.Error, $"{Subject("RUN", form.Text)}: {fix}");
    }

    public void CheckHealthcheck(Instruction instruction)
    {
        var flags = InstructionFlags.Parse(instruction.Arguments);
        var rest = flags.Rest;
        if (rest.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (rest.Length < 4 || !rest[..3].Equals("CMD", StringComparison.OrdinalIgnoreCase)
            || !(char.IsWhiteSpace(rest[3]) || rest[3] == '['))
        {
            throw new DockerfileSyntaxException(instruction.Line,
                $"HEALTHCHECK {instruction.Arguments} is invalid: write HEALTHCHECK [OPTIONS] CMD COMMAND "
                + "or HEALTHCHECK NONE");
        }

        var prefix = flags.Flags.Count > 0 ? $"HEALTHCHECK {flags.Format()} CMD" : "HEALTHCHECK CMD";
        CheckCommand(instruction, CommandForm.Parse(rest[3..]), "HEALTHCHECK CMD", prefix);
    }

    private void CheckShebang(Instruction instruction, Heredoc heredoc)
    {
        var firstLine = heredoc.Content[2..heredoc.Content.IndexOf('\n')].Trim();
        var interpreter = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

        // Google's language images (python3, nodejs, java) carry interpreters whose paths are not known here.
        if (!state.Base.KnownContents || ProgramAvailable(interpreter))
        {
            return;
        }

        Add(instruction, LintRules.RunWithoutShell, LintSeverity.Error,
            $"RUN <<{heredoc.Name} runs its here-document with #!{firstLine}, but {BaseName} has no {interpreter}: "
            + "run it in an earlier stage that has the interpreter and COPY --from that stage what it makes");
    }

    /// <summary>
    /// Reports text that looks like the exec form but is not valid JSON: an error where the stage has no
    /// shell to run it with, a warning elsewhere. Returns whether it did.
    /// </summary>
    private bool CheckMalformedExecForm(Instruction instruction, CommandForm form, string prefix)
    {
        if (!form.IsMalformedExecForm)
        {
            return false;
        }

        var repaired = CommandForm.TryParseJsonArray(form.Text.Replace('\'', '"'));
        var fix = repaired is null
            ? "write a JSON array of strings in double quotes"
            : $"write {prefix} {CommandForm.FormatExecForm(repaired)}";
        var shellAvailable = ShellAvailable();
        var consequence = shellAvailable ? "" : $", but {DescribeMissingShell()}";
        Add(instruction, LintRules.MalformedExecForm, shellAvailable ? LintSeverity.Warning : LintSeverity.Error,
            $"{prefix} {Shorten(form.Text)} is not a valid JSON array, so Docker runs it in the shell form "
            + $"with {Runner()}{consequence}: {fix}");
        return true;
    }

    /// <summary>States that the text is in the shell form and why that cannot run on this base.</summary>
    private string Subject(string label, string text) =>
        $"{label} \"{Shorten(text)}\" is in the shell form, which Docker runs with {Runner()}, "
        + $"but {DescribeMissingShell()}";

    private string SuggestFix(string text, string prefix)
    {
        var words = ShellWords.Split(text);
        if (words.ShellSyntax is null)
        {
            return $"write the exec form {prefix} {CommandForm.FormatExecForm(words.Words)}";
        }

        var busyboxForm = $"{prefix} {CommandForm.FormatExecForm(["/busybox/sh", "-c", text])}";
        if (state.Base.Debug)
        {
            return $"the command needs a shell for {words.ShellSyntax}, so write {busyboxForm}";
        }

        var variant = state.Base.DebugVariant();
        var alternative = variant is null
            ? "start the stage from an image with a shell"
            : $"use {variant} with {busyboxForm}";
        return $"the command needs a shell for {words.ShellSyntax}, so it cannot run on this base. "
            + $"Move this logic into the program, or {alternative}";
    }

    private string Runner() =>
        state.Shell is null ? "/bin/sh -c" : $"{string.Join(' ', state.Shell)} (SHELL on line {state.ShellLine})";

    private string DescribeMissingShell()
    {
        if (state.Shell is [var program, ..])
        {
            return $"{BaseName} has no {program}";
        }

        return state.Base.Debug ? $"{BaseName} has its shell at /busybox/sh, not /bin/sh" : $"{BaseName} has no shell";
    }

    private bool ShellAvailable() =>
        state.Base.HasShell || ProgramAvailable(state.Shell is [var program, ..] ? program : "/bin/sh");

    /// <summary>
    /// Whether the stage has the program: busybox's applets in a debug variant (by path under /busybox, or
    /// by a name that PATH finds there), or a file that COPY or ADD put in place.
    /// </summary>
    private bool ProgramAvailable(string program)
    {
        if (state.Base.HasShell)
        {
            return true;
        }

        if (state.Base.Debug && (program.StartsWith("/busybox/", StringComparison.Ordinal) || !program.Contains('/')))
        {
            return true;
        }

        // Distill's images merge /usr, so /bin/sh and /usr/bin/sh are the same file.
        // NOTE: a program is found only by a COPY or ADD destination path, so a shell copied within a directory
        // whose destination is elsewhere, or made by RUN in a parent stage, is not seen.
        return state.Copied(program)
            || (program.StartsWith("/bin/", StringComparison.Ordinal) && state.Copied("/usr" + program));
    }

    private void Add(Instruction instruction, string rule, LintSeverity severity, string message) =>
        findings.Add(new LintFinding(instruction.Line, instruction.Column, rule, severity, message));

    private static string Shorten(string text)
    {
        var oneLine = string.Join(' ', text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxQuotedLength ? oneLine : oneLine[..(MaxQuotedLength - 3)] + "...";
    }
}
