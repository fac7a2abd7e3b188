using System.Diagnostics;
using System.Security.Cryptography;
using Distill.Tests.Layers;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Reads the dpkg database of built images back the way scanners do: dpkg-query itself parses the status.d
/// paragraphs, and every line of every PACKAGE.md5sums must name a file of the image with that MD5.
/// </summary>
public sealed class DpkgDatabaseTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("debian12")]
    [InlineData("debian13")]
    public async Task StatusFilesParseWithDpkgQuery(string distro)
    {
        var root = await BuildAndUnpackAsync(distro);
        var statusDirectory = Path.Combine(root, "var/lib/dpkg/status.d");
        var packages = Directory.GetFiles(statusDirectory).Where(path => !path.EndsWith(".md5sums")).ToList();
        var admin = Directory.CreateDirectory(directory.Combine("admin-" + distro)).FullName;
        File.WriteAllText(
            Path.Combine(admin, "status"), string.Join("\n", packages.Order().Select(File.ReadAllText)));

        var listed = await RunAsync("dpkg-query", "--admindir", admin, "-W", "-f", "${Package}\t${Status}\n");

        var rows = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal(packages.Select(Path.GetFileName).Order(), rows.Select(row => row.Split('\t')[0]).Order());
        Assert.All(rows, row => Assert.EndsWith("\tinstall ok installed", row));
        Assert.Contains(rows, row => row.StartsWith("busybox-static\t", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("debian12")]
    [InlineData("debian13")]
    public async Task Md5sumsNameImageFiles(string distro)
    {
        var root = await BuildAndUnpackAsync(distro);
        var lists = Directory.GetFiles(Path.Combine(root, "var/lib/dpkg/status.d"), "*.md5sums");

        Assert.NotEmpty(lists);
        foreach (var list in lists)
        {
            foreach (var line in File.ReadAllLines(list))
            {
                var path = Path.Combine(root, line[34..]);
                Assert.True(File.Exists(path), $"{Path.GetFileName(list)} names {line[34..]}, which the image lacks");
                using var file = File.OpenRead(path);
                Assert.Equal(line[..32], Convert.ToHexStringLower(MD5.HashData(file)));
            }
        }

        Assert.Contains(lists, list => File.ReadAllText(list).Contains("  busybox/busybox\n"));
    }

    private async Task<string> BuildAndUnpackAsync(string distro)
    {
        var layout = directory.Combine("layout-" + distro);
        await DistillProcess.RunSuccessfullyAsync(
            ["build", "cc", "--debug", "--distro", distro, "--quiet", "--output", $"oci:{layout}:cc"]);
        var bundle = directory.Combine("bundle-" + distro);
        await RunAsync("umoci", "unpack", "--image", $"{layout}:cc", bundle);
        return Path.Combine(bundle, "rootfs");
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
        return await output;
    }
}
