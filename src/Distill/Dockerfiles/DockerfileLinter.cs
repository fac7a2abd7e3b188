namespace Distill.Dockerfiles;

/// <summary>
/// Checks a Dockerfile for instructions that cannot work on a distroless base: shell forms and RUN where
/// the base has no /bin/sh, programs found through WORKDIR or PATH, users that /etc/passwd lacks, and exec
/// forms that are not valid JSON. Findings come sorted by line, column and rule id.
/// </summary>
public static class DockerfileLinter
{
    public static IReadOnlyList<LintFinding> Lint(
        Dockerfile dockerfile, IReadOnlyDictionary<string, string>? buildArguments = null)
    {
        buildArguments ??= new Dictionary<string, string>();
        var findings = new List<LintFinding>();
        var finalStates = new Dictionary<Stage, StageState>();
        foreach (var stage in DockerfileStages.Split(dockerfile, buildArguments))
        {
            var state = stage.Parent is null ? new StageState(stage.Base) : finalStates[stage.Parent].Inherit();
            var checker = new StageChecker(dockerfile, stage, state, buildArguments, findings);
            foreach (var instruction in stage.Instructions)
            {
                checker.Check(instruction);
            }

            finalStates[stage] = state;
        }

        return findings
            .OrderBy(finding => finding.Line)
            .ThenBy(finding => finding.Column)
            .ThenBy(finding => finding.Rule, StringComparer.Ordinal)
            .ToList();
    }
}
