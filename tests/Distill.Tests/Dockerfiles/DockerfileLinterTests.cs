using Distill.Dockerfiles;

namespace Distill.Tests.Dockerfiles;

/// <summary>Checks that each message names the value, the problem and the fix.</summary>
public sealed class DockerfileLinterTests
{
    private static LintFinding LintOne(string text)
    {
        var findings = DockerfileLinter.Lint(DockerfileParser.Parse(text));
        return Assert.Single(findings);
    }

    [Fact]
    public void ShellFormSuggestsExecForm()
    {
        var finding = LintOne("FROM distill/static\nCMD /app --name 'a b'\n");

        Assert.Equal(LintRules.ShellFormWithoutShell, finding.Rule);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("distill/static has no shell", finding.Message);
        Assert.Contains("CMD [\"/app\", \"--name\", \"a b\"]", finding.Message);
    }

    [Fact]
    public void ShellSyntaxNeedsShell()
    {
        var finding = LintOne("FROM gcr.io/distroless/static-debian12\nENTRYPOINT /app | tee log\n");

        Assert.Contains("\"|\"", finding.Message);
        Assert.Contains("cannot run on this base", finding.Message);
        Assert.Contains("gcr.io/distroless/static-debian12:debug", finding.Message);
        Assert.Contains("move this logic into the program", finding.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DebugVariantNamesBusyboxShell()
    {
        var finding = LintOne("FROM distill/cc:debug\nCMD /app && /app2\n");

        Assert.Contains("/busybox/sh, not /bin/sh", finding.Message);
        Assert.Contains("CMD [\"/busybox/sh\", \"-c\", \"/app && /app2\"]", finding.Message);
    }

    [Fact]
    public void ShellInstructionFixesDebugRun()
    {
        var findings = DockerfileLinter.Lint(DockerfileParser.Parse(
            "FROM distill/base:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN mkdir /data\nCMD /app $FLAGS\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public void MissingShellProgramIsNamed()
    {
        var finding = LintOne("FROM distill/base:debug\nSHELL [\"/bin/bash\", \"-c\"]\nRUN mkdir /data\n");

        Assert.Equal(LintRules.RunWithoutShell, finding.Rule);
        Assert.Contains("has no /bin/bash", finding.Message);
    }

    [Fact]
    public void ExecFormRunIsAllowed()
    {
        var dockerfile = DockerfileParser.Parse("FROM scratch\nCOPY m /m\nRUN [\"/m\", \"--migrate\"]\n");

        Assert.Empty(DockerfileLinter.Lint(dockerfile));
    }

    [Fact]
    public void RelativeProgramNamesWorkdir()
    {
        var finding = LintOne("FROM distill/static\nWORKDIR /srv\nWORKDIR app\nENTRYPOINT [\"../bin/api\"]\n");

        Assert.Equal(LintRules.RelativeProgram, finding.Rule);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("/srv/app, set on line 3", finding.Message);
        Assert.Contains("\"/srv/bin/api\"", finding.Message);
    }

    [Fact]
    public void CmdProgramCheckedWithoutEntrypoint()
    {
        var finding = LintOne("FROM scratch\nWORKDIR /app\nCMD [\"./run\"]\n");

        Assert.Equal(LintRules.RelativeProgram, finding.Rule);
        Assert.Contains("\"/app/run\"", finding.Message);
    }

    [Fact]
    public void BareNameOnPathIsAllowed()
    {
        var findings = DockerfileLinter.Lint(DockerfileParser.Parse(
            "FROM distill/static\nCOPY api /usr/local/bin/\nENTRYPOINT [\"api\"]\n"));

        Assert.Empty(findings);
    }

    [Fact]
    public void WorkdirUsesEnvironment()
    {
        var finding = LintOne("FROM distill/static\nENV ROOT=/opt/svc\nWORKDIR ${ROOT}/bin\nENTRYPOINT [\"./svc\"]\n");

        Assert.Contains("\"/opt/svc/bin/svc\"", finding.Message);
    }

    [Theory]
    [InlineData("root", null)]
    [InlineData("nonroot:nonroot", null)]
    [InlineData("65532:65532", null)]
    [InlineData("0", null)]
    [InlineData("nobody:tty", null)]
    [InlineData("app", LintSeverity.Error)]
    [InlineData("nonroot:wheel", LintSeverity.Error)]
    [InlineData("1001", LintSeverity.Warning)]
    [InlineData("65532:999", LintSeverity.Warning)]
    public void UserIsCheckedAgainstPasswd(string user, LintSeverity? expected)
    {
        var findings = DockerfileLinter.Lint(DockerfileParser.Parse($"FROM distill/static\nUSER {user}\n"));

        Assert.Equal(expected, findings.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void UserFromArgumentIsExpanded()
    {
        var finding = LintOne("FROM distill/static\nARG APP_USER=app\nUSER ${APP_USER}\n");

        Assert.Contains("\"app\"", finding.Message);
    }

    [Fact]
    public void CopiedPasswdSkipsUserCheck()
    {
        var dockerfile = DockerfileParser.Parse("FROM distill/static\nCOPY passwd /etc/passwd\nUSER app\n");

        Assert.Empty(DockerfileLinter.Lint(dockerfile));
    }

    [Fact]
    public void UserOnOtherBaseIsNotChecked()
    {
        Assert.Empty(DockerfileLinter.Lint(DockerfileParser.Parse("FROM debian\nUSER app\n")));
    }

    [Fact]
    public void EmptyEntrypointInheritsThroughStages()
    {
        var finding = LintOne("FROM distill/static AS base\nENTRYPOINT []\nFROM base\nCMD /app\n");

        Assert.Equal(LintRules.ShellCmdAfterEmptyEntrypoint, finding.Rule);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("ENTRYPOINT [] on line 2", finding.Message);
        Assert.Contains("CMD [\"/app\"]", finding.Message);
    }

    [Fact]
    public void MalformedJsonSuggestsDoubleQuotes()
    {
        var finding = LintOne("FROM debian\nENTRYPOINT ['/app', '--flag']\n");

        Assert.Equal(LintRules.MalformedExecForm, finding.Rule);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("ENTRYPOINT [\"/app\", \"--flag\"]", finding.Message);
    }

    [Fact]
    public void BuildArgumentChangesBase()
    {
        var dockerfile = DockerfileParser.Parse("ARG BASE=debian\nFROM $BASE\nRUN make\n");

        Assert.Empty(DockerfileLinter.Lint(dockerfile));
        var buildArguments = new Dictionary<string, string> { ["BASE"] = "scratch" };
        var finding = Assert.Single(DockerfileLinter.Lint(dockerfile, buildArguments));
        Assert.Equal(LintRules.RunWithoutShell, finding.Rule);
    }

    [Fact]
    public void FindingsAreSortedByLine()
    {
        var findings = DockerfileLinter.Lint(DockerfileParser.Parse(
            "FROM scratch AS a\nCMD /a\nFROM distill/static\nUSER app\nRUN x\nCMD /b\n"));

        Assert.Equal([2, 4, 5, 6], findings.Select(finding => finding.Line));
    }
}
