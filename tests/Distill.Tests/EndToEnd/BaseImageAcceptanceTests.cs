using System.Diagnostics;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds every base image with the command line and judges it with check-base-image.sh, which reads it with
/// skopeo and umoci and runs a static, a glibc and a C++ program in it with runc. One class per distro, so
/// that xunit runs the two in parallel.
/// </summary>
public abstract class BaseImageAcceptanceTests(string distro)
{
    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var image in new[] { "static", "base-nossl", "base", "cc" })
        {
            data.Add(image, "");
            data.Add(image, "nonroot");
            data.Add(image, "debug");
        }

        data.Add("cc", "nonroot debug");
        return data;
    }

    protected async Task BuildAndCheckAsync(string image, string variant)
    {
        var script = Path.Combine(RepositoryPaths.AcceptanceDirectory, "check-base-image.sh");
        Assert.True(File.Exists(script), $"acceptance check {script} not found: set DISTILL_ACCEPTANCE_DIR");
        var layout = Directory.CreateTempSubdirectory("distill-acceptance-");
        try
        {
            var options = variant.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var tag = string.Join('-', [image, distro, .. options]);
            await DistillProcess.RunSuccessfullyAsync(
                ["build", image, "--distro", distro, .. options.Select(option => "--" + option), "--quiet",
                 "--output", $"oci:{layout.FullName}:{tag}"]);

            var (exitCode, output) = await RunCheckAsync(script, [layout.FullName, tag, image, distro, .. options]);

            Assert.True(exitCode == 0, $"check-base-image.sh failed for {tag}:\n{output}");
            Assert.EndsWith("0 failed", output.TrimEnd());
        }
        finally
        {
            layout.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCheckAsync(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await error);
    }
}

public sealed class Debian12AcceptanceTests() : BaseImageAcceptanceTests("debian12")
{
    [Theory]
    [MemberData(nameof(Variants))]
    public Task BaseImagePassesCheck(string image, string variant) => BuildAndCheckAsync(image, variant);
}

public sealed class Debian13AcceptanceTests() : BaseImageAcceptanceTests("debian13")
{
    [Theory]
    [MemberData(nameof(Variants))]
    public Task BaseImagePassesCheck(string image, string variant) => BuildAndCheckAsync(image, variant);
}
