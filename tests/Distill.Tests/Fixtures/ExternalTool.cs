using System.Diagnostics;

namespace Distill.Tests.Fixtures;

/// <summary>The exit code and captured output of a finished external command.</summary>
public sealed record ToolResult(string Command, int ExitCode, byte[] StandardOutput, string StandardError)
{
    public string OutputText => System.Text.Encoding.UTF8.GetString(StandardOutput);

    /// <summary>A summary of the command, exit code and output, for assertion messages.</summary>
    public override string ToString() =>
        $"'{Command}' exited with {ExitCode}\nstdout: {OutputText}\nstderr: {StandardError}";
}

/// <summary>Runs Debian tools (xz, dpkg-deb, gpgv, apt-get) that the fixtures and their self-tests use.</summary>
public static class ExternalTool
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs a command, writes <paramref name="input"/> to its standard input and waits for it to exit.
    /// Proxy variables are removed from the environment so that requests go straight to 127.0.0.1.
    /// Throws <see cref="TimeoutException"/> after killing the process if it outlives the timeout.
    /// </summary>
    public static ToolResult Run(
        string fileName,
        IEnumerable<string> arguments,
        byte[]? input = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, workingDirectory, environment);
        var command = $"{fileName} {string.Join(' ', startInfo.ArgumentList)}";
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"failed to start '{command}'");

        var output = new MemoryStream();
        var outputCopy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errorRead = process.StandardError.ReadToEndAsync();
        WriteInput(process, input);

        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not exit within {timeout ?? DefaultTimeout}");
        }

        Task.WaitAll(outputCopy, errorRead);
        return new ToolResult(command, process.ExitCode, output.ToArray(), errorRead.Result);
    }

    /// <summary>Runs a command like <see cref="Run"/> and throws unless it exits with 0.</summary>
    public static ToolResult RunChecked(string fileName, IEnumerable<string> arguments, byte[]? input = null)
    {
        var result = Run(fileName, arguments, input);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"external command failed: {result}");
        }

        return result;
    }

    private static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static void WriteInput(Process process, byte[]? input)
    {
        try
        {
            if (input is not null)
            {
                process.StandardInput.BaseStream.Write(input);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading all of its input, so its exit code reports the failure.
        }
    }
}
