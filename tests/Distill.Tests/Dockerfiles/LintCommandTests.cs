using System.Text.Json;
using Distill.Tests.EndToEnd;
using Distill.Tests.Support;

namespace Distill.Tests.Dockerfiles;

/// <summary>Runs `distill lint` as a process and checks its output and exit codes.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task TextOutputListsFindings()
    {
        var path = Write("FROM distill/static\nUSER 1000\nCMD /app --serve\n");

        var result = await DistillProcess.RunAsync(["lint", path]);

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{path}:2:1: warning DS004: USER 1000", lines[0]);
        Assert.StartsWith($"{path}:3:1: error DS001: CMD \"/app --serve\"", lines[1]);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task JsonOutputHasFields()
    {
        var path = Write("FROM distill/static\n  CMD /app\n");

        var result = await DistillProcess.RunAsync(["lint", "--format", "json", path]);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var finding = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(path, finding.GetProperty("file").GetString());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Equal(3, finding.GetProperty("column").GetInt32());
        Assert.Equal("DS001", finding.GetProperty("rule").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Contains("CMD [\"/app\"]", finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task CleanFileExitsZero()
    {
        var path = Write("FROM distill/static:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n");

        var result = await DistillProcess.RunAsync(["lint", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task CleanFileGivesEmptyJsonArray()
    {
        var path = Write("FROM scratch\nENTRYPOINT [\"/app\"]\n");

        var result = await DistillProcess.RunAsync(["lint", "--format", "json", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[]", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task WarningsAloneExitZero()
    {
        var path = Write("FROM distill/static\nWORKDIR /app\nENTRYPOINT [\"./app\"]\n");

        var result = await DistillProcess.RunAsync(["lint", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning DS003", result.StandardOutput);
    }

    [Fact]
    public async Task BuildArgumentIsApplied()
    {
        var path = Write("ARG BASE=debian\nFROM ${BASE}\nRUN make\n");

        var result = await DistillProcess.RunAsync(["lint", "--build-arg", "BASE=distill/cc", path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error DS002", result.StandardOutput);
    }

    [Fact]
    public async Task MissingFileExitsTwo()
    {
        var path = directory.Combine("missing.Dockerfile");

        var result = await DistillProcess.RunAsync(["lint", path]);

        AssertOneError(result, path);
    }

    [Fact]
    public async Task SyntaxErrorExitsTwo()
    {
        var path = Write("FROM scratch\nCOPYY a /a\n");

        var result = await DistillProcess.RunAsync(["lint", path]);

        AssertOneError(result, $"{path}:2:");
        Assert.Contains("'COPYY'", result.StandardError);
    }

    [Fact]
    public async Task InvalidFormatExitsTwo()
    {
        var path = Write("FROM scratch\n");

        var result = await DistillProcess.RunAsync(["lint", "--format", "xml", path]);

        AssertOneError(result, "xml");
    }

    private string Write(string text)
    {
        var path = directory.Combine($"{Guid.NewGuid():N}.Dockerfile");
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneError(DistillResult result, string value)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        var line = Assert.Single(lines);
        Assert.StartsWith("distill: error:", line);
        Assert.Contains(value, line);
    }
}
