using System.Diagnostics;

namespace Distill.Tests.EndToEnd;

/// <summary>The outcome of one run of the distill command line.</summary>
public sealed record DistillResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Returns the digest that the run printed last for an output ("OUTPUT sha256:HEX").</summary>
    public string LastDigest()
    {
        var last = StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var digest = last.Split(' ').LastOrDefault() ?? "";
        Assert.StartsWith("sha256:", digest);
        return digest;
    }
}

/// <summary>
/// Runs the distill command line as its own process, the way a user does, from the distill.dll built
/// next to the tests. Builds share one package cache per test run unless a test passes its own, so that the
/// archive is downloaded once.
/// </summary>
public static class DistillProcess
{
    /// <summary>The cache that builds share; kept between test runs so that packages download once.</summary>
    public static readonly string SharedCache = Path.Combine(Path.GetTempPath(), "distill-tests", "cache");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<DistillResult> RunAsync(
        IEnumerable<string> arguments, string? cacheDirectory = null, IDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, cacheDirectory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"distill {string.Join(' ', arguments)} ran over {Timeout}");
        }

        return new DistillResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts distill without waiting for it, for tests that stop it midway.</summary>
    public static Process Start(
        IEnumerable<string> arguments, string? cacheDirectory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "distill.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISTILL_CACHE_DIR"] = cacheDirectory ?? SharedCache;
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs distill and fails the test, showing its error output, unless it exits with 0.</summary>
    public static async Task<DistillResult> RunSuccessfullyAsync(
        IEnumerable<string> arguments, string? cacheDirectory = null, IDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(arguments, cacheDirectory, environment);
        Assert.True(result.ExitCode == 0,
            $"distill {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.StandardError}");
        return result;
    }
}
