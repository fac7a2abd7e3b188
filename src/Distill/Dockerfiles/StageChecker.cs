namespace Distill.Dockerfiles;

/// <summary>
/// Walks the instructions of one stage in order, keeping the stage's state up to date and applying each
/// rule to the instruction it concerns.
/// </summary>
internal sealed class StageChecker(
    Dockerfile dockerfile,
    Stage stage,
    StageState state,
    IReadOnlyDictionary<string, string> buildArguments,
    List<LintFinding> findings)
{
    private readonly ShellRules shellRules = new(state, findings);

    /// <summary>
    /// Applies the rules to one instruction and records what it sets. ONBUILD is not checked, because its
    /// instruction runs in a later build that starts FROM this image.
    /// </summary>
    public void Check(Instruction instruction)
    {
        switch (instruction.Keyword)
        {
            case "ARG":
                DeclareArguments(instruction);
                break;
            case "ENV":
                foreach (var (key, value) in ArgumentDeclarations.ParseEnv(instruction, Expander()))
                {
                    state.Environment[key] = value;
                }

                break;
            case "WORKDIR":
                var workdir = state.Resolve(Expand(instruction, instruction.Arguments));
                state.Workdir = workdir.Length > 1 ? workdir.TrimEnd('/') : workdir;
                state.WorkdirLine = instruction.Line;
                break;
            case "SHELL":
                SetShell(instruction);
                break;
            case "COPY" or "ADD":
                RecordDestination(instruction);
                break;
            case "USER":
                UserRule.Check(instruction, Expand(instruction, instruction.Arguments), state, findings);
                break;
            case "RUN":
                shellRules.CheckRun(instruction);
                break;
            case "ENTRYPOINT":
                CheckEntrypoint(instruction);
                break;
            case "CMD":
                CheckCmd(instruction);
                break;
            case "HEALTHCHECK":
                shellRules.CheckHealthcheck(instruction);
                break;
        }
    }

    private void DeclareArguments(Instruction instruction)
    {
        foreach (var (name, value) in ArgumentDeclarations.Parse(instruction, Expander()))
        {
            // An ARG without a default inside a stage takes the global argument of that name, as in Docker.
            var inherited = value ?? stage.GlobalArguments.GetValueOrDefault(name);
            state.Arguments[name] = buildArguments.TryGetValue(name, out var given) ? given : inherited;
        }
    }

    private void SetShell(Instruction instruction)
    {
        var shell = CommandForm.TryParseJsonArray(instruction.Arguments);
        if (shell is null || shell.Count == 0)
        {
            throw new DockerfileSyntaxException(instruction.Line,
                $"SHELL {instruction.Arguments} is not a JSON array: write it as SHELL [\"/busybox/sh\", \"-c\"]");
        }

        state.Shell = shell;
        state.ShellLine = instruction.Line;
    }

    private void RecordDestination(Instruction instruction)
    {
        var rest = InstructionFlags.Parse(instruction.Arguments).Rest;
        var words = CommandForm.TryParseJsonArray(rest)
            ?? rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count >= 2)
        {
            state.CopiedPaths.Add(state.Resolve(Expand(instruction, words[^1])));
        }
    }

    private void CheckEntrypoint(Instruction instruction)
    {
        var form = CommandForm.Parse(instruction.Arguments);
        state.Entrypoint = form.ExecArguments ?? ["/bin/sh", "-c", form.Text];
        state.EntrypointLine = instruction.Line;
        state.EntrypointIsExecForm = form.IsExecForm;
        shellRules.CheckCommand(instruction, form, "ENTRYPOINT");
        if (form.ExecArguments is [var program, ..])
        {
            ProgramPathRule.Check(instruction, "ENTRYPOINT", program, state, findings);
        }
    }

    private void CheckCmd(Instruction instruction)
    {
        var form = CommandForm.Parse(instruction.Arguments);
        if (!form.IsExecForm && state.Entrypoint is [])
        {
            shellRules.CheckCmdAfterEmptyEntrypoint(instruction, form);
        }
        else if (!form.IsExecForm && state.Entrypoint is [_, ..] && state.EntrypointIsExecForm)
        {
            shellRules.CheckCmdAfterExecEntrypoint(instruction, form);
        }
        else
        {
            shellRules.CheckCommand(instruction, form, "CMD");
        }

        // With no entrypoint, CMD's first word is the program.
        var entrypointEmpty = state.Entrypoint is [] || (state.Entrypoint is null && state.Base.HasEmptyEntrypoint);
        if (entrypointEmpty && form.ExecArguments is [var program, ..])
        {
            ProgramPathRule.Check(instruction, "CMD", program, state, findings);
        }
    }

    private VariableExpander Expander() => new(state.LookupVariable, dockerfile.EscapeCharacter);

    private string Expand(Instruction instruction, string word)
    {
        try
        {
            return Expander().Expand(word);
        }
        catch (FormatException error)
        {
            throw new DockerfileSyntaxException(instruction.Line, $"{instruction.Keyword} {word}: {error.Message}");
        }
    }
}
