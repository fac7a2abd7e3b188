using System.Diagnostics;
using Xunit.Sdk;

namespace Distill.Tests.Support;

/// <summary>Runs a host tool (dpkg-deb, apt-get) for a test and fails the test if it exits non-zero.</summary>
internal static class ProcessRunner
{
    public static string Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var result = TryRun(fileName, arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            throw new XunitException(
                $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {result.ExitCode}:\n" +
                result.StandardError);
        }

        return result.StandardOutput;
    }

    public static ProcessResult TryRun(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };

        // dpkg-deb clamps file times to SOURCE_DATE_EPOCH when it is set, which would hide the times under test.
        startInfo.Environment.Remove("SOURCE_DATE_EPOCH");

        using var process = Process.Start(startInfo)
            ?? throw new XunitException($"cannot start '{fileName}'");
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, standardOutput, standardError.Result);
    }
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
