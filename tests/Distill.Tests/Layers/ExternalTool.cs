using Xunit;
using System.Diagnostics;

namespace Distill.Tests.Layers;

/// <summary>Runs installed programs (tar, skopeo, umoci, podman) that tests use to judge Distill's output.</summary>
public static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs the program and returns its exit code and output without checking them.</summary>
    public static Result Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} timed out after {Timeout}");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the program, fails the test when it exits non-zero, and returns its standard output.</summary>
    public static string RunChecked(string program, params string[] arguments)
    {
        var result = Run(program, arguments);
        Assert.True(result.ExitCode == 0,
            $"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Error}{result.Output}");
        return result.Output;
    }
}
