using System.Diagnostics;
using System.Runtime.Versioning;
using Distill.Tests.Layers;
using Xunit.Abstractions;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Runs the command line with one bad input at a time. Each run must exit with 1 and print one
/// "distill: error:" line that names the value, with no stack trace and nothing on standard output.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CommandLineErrorTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose()
    {
        if (Directory.Exists(directory.Combine("read-only")))
        {
            MakeWritable(directory.Combine("read-only"));
        }

        directory.Dispose();
    }

    [Theory]
    [InlineData("foo", new[] { "build", "foo" })]
    [InlineData("debian11", new[] { "build", "static", "--distro", "debian11" })]
    [InlineData("s390y", new[] { "build", "static", "--arch", "s390y" })]
    [InlineData("armhf", new[] { "build", "static", "--arch", "amd64,armhf" })]
    [InlineData("/nonexistent.gpg", new[] { "build", "static", "--keyring", "/nonexistent.gpg" })]
    public async Task InvalidValueIsNamed(string value, string[] arguments)
    {
        var layout = directory.Combine("layout");

        var result = await DistillProcess.RunAsync([.. arguments, "--output", $"oci:{layout}:test"]);

        AssertOneErrorNaming(result, value);
        Assert.False(Directory.Exists(layout), $"distill created {layout} although its input was invalid");
    }

    [Fact]
    public async Task InvalidOutputReferenceIsNamed()
    {
        var result = await DistillProcess.RunAsync(["build", "static", "--output", "foo:bar"]);

        AssertOneErrorNaming(result, "'foo:bar'");
    }

    [Fact]
    public async Task MissingOutputIsNamed()
    {
        var result = await DistillProcess.RunAsync(["build", "static"]);

        AssertOneErrorNaming(result, "--output");
    }

    [Fact]
    public async Task UnreachableMirrorIsNamed()
    {
        const string mirror = "http://127.0.0.1:1/debian";
        var layout = directory.Combine("layout");
        var stopwatch = Stopwatch.StartNew();

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--mirror", mirror, "--output", $"oci:{layout}:test"], directory.Combine("cache"));

        output.WriteLine($"an unreachable mirror failed after {stopwatch.Elapsed.TotalSeconds:F1} s");
        AssertOneErrorNaming(result, mirror, allowWarnings: true);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(1),
            $"an unreachable mirror took {stopwatch.Elapsed} to fail:\n{result.StandardError}");
    }

    [Theory]
    [InlineData("oci:{0}/layout:test")]
    [InlineData("oci:{0}:test")]
    [InlineData("docker-archive:{0}/image.tar")]
    public async Task ReadOnlyDirectoryIsNamed(string outputForm)
    {
        var readOnly = directory.Combine("read-only");
        Directory.CreateDirectory(readOnly);
        MakeReadOnly(readOnly);
        var target = string.Format(outputForm, readOnly);

        var result = await DistillProcess.RunAsync(["build", "static", "--output", target]);

        AssertOneErrorNaming(result, target);
        Assert.Contains("not writable", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(readOnly));
    }

    [Theory]
    [InlineData("oci:{0}/layout:test")]
    [InlineData("docker-archive:{0}/image.tar")]
    public async Task PathUnderFileIsNamed(string outputForm)
    {
        var file = directory.Combine("regular-file");
        File.WriteAllText(file, "not a directory\n");
        var target = string.Format(outputForm, file);

        var result = await DistillProcess.RunAsync(["build", "static", "--output", target]);

        AssertOneErrorNaming(result, target);
        Assert.Contains($"{file} is a file, not a directory", result.StandardError);
    }

    [Fact]
    public async Task UnwritableLayoutBlobsIsNamed()
    {
        var layout = directory.Combine("layout");
        Directory.CreateDirectory(layout);
        File.WriteAllText(Path.Combine(layout, "blobs"), "a file where the blobs directory belongs\n");
        var target = $"oci:{layout}:test";

        var result = await DistillProcess.RunAsync(["build", "static", "--output", target]);

        AssertOneErrorNaming(result, target, allowLogs: true);
    }

    /// <summary>
    /// Makes a directory read-only for this process. Root ignores permission bits, so as root the directory
    /// also gets the immutable attribute, which tmpfs and the usual Linux file systems support.
    /// </summary>
    private static void MakeReadOnly(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (Environment.IsPrivilegedProcess)
        {
            HostTool.RunChecked("chattr", "+i", path);
        }
    }

    private static void MakeWritable(string path)
    {
        if (Environment.IsPrivilegedProcess)
        {
            HostTool.RunChecked("chattr", "-i", path);
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Asserts exit code 1, an empty standard output and one "distill: error:" line that contains
    /// <paramref name="value"/>. Other lines of standard error may be retry warnings when
    /// <paramref name="allowWarnings"/> is set, or any log line when <paramref name="allowLogs"/> is set.
    /// </summary>
    private static void AssertOneErrorNaming(
        DistillResult result, string value, bool allowWarnings = false, bool allowLogs = false)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(line => line.StartsWith("distill: error:", StringComparison.Ordinal)).ToList();
        var others = lines.Except(errors).ToList();

        Assert.True(result.ExitCode == 1, $"distill exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Equal("", result.StandardOutput);
        Assert.True(errors.Count == 1, $"expected one 'distill: error:' line:\n{result.StandardError}");
        Assert.Contains(value, errors[0]);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        if (allowLogs)
        {
            return;
        }

        var unexpected = allowWarnings
            ? others.Where(line => !line.StartsWith("warning:", StringComparison.Ordinal))
            : others;
        Assert.Empty(unexpected);
    }
}
