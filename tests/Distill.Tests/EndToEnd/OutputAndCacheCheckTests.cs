using System.Diagnostics;
using System.Security.Cryptography;
using Distill.Tests.Layers;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Outputs and caches that are wrong before or after a build starts: a docker archive path that is a
/// FIFO, a directory or a symlink, two outputs naming one archive, a broken layout next to a good output,
/// an unusable cache directory, and a cached layer blob changed on disk.
/// </summary>
public sealed class OutputAndCacheCheckTests : IDisposable
{
    private readonly TestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task DockerArchiveOverFifoIsRejected()
    {
        var fifo = directory.Combine("pipe.tar");
        using (var mkfifo = Process.Start("mkfifo", [fifo])!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var result = await DistillProcess.RunAsync(["build", "static", "--output", $"docker-archive:{fifo}"]);

        AssertRejected(result, "not a regular file");
        Assert.True(File.Exists(fifo));
    }

    [Fact]
    public async Task DockerArchiveOverDirectoryIsRejected()
    {
        var existing = Directory.CreateDirectory(directory.Combine("existing")).FullName;

        var result = await DistillProcess.RunAsync(["build", "static", "--output", $"docker-archive:{existing}"]);

        AssertRejected(result, "is a directory");
    }

    [Fact]
    public async Task DockerArchiveThroughSymlinkKeepsLink()
    {
        var target = directory.Combine("target.tar");
        File.WriteAllText(target, "old");
        var link = directory.Combine("link.tar");
        File.CreateSymbolicLink(link, target);

        await DistillProcess.RunSuccessfullyAsync(["build", "static", "--quiet", "--output", $"docker-archive:{link}"]);

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.True(new FileInfo(target).Length > 100_000);
    }

    [Fact]
    public async Task SameDockerArchiveTwiceIsRejected()
    {
        var archive = directory.Combine("same.tar");

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--output", $"docker-archive:{archive}:a/b:1", "--output", $"docker-archive:{archive}:c/d:2"]);

        AssertRejected(result, "same docker archive");
        Assert.False(File.Exists(archive));
    }

    [Fact]
    public async Task BrokenLayoutStopsEveryOutput()
    {
        var broken = Directory.CreateDirectory(directory.Combine("broken")).FullName;
        File.WriteAllText(Path.Combine(broken, "index.json"), "{ not json");
        var good = directory.Combine("good");

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--output", $"oci:{good}:static", "--output", $"oci:{broken}:static"]);

        AssertRejected(result, "index.json");
        Assert.False(Directory.Exists(good), "the good output was written although another output was broken");
        Assert.Equal(["index.json"], Directory.GetFileSystemEntries(broken).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("file/cache")]
    public async Task UnusableCacheDirectoryIsNamed(string cache)
    {
        File.WriteAllText(directory.Combine("file"), "a regular file");
        var cacheDirectory = cache.Length == 0 ? "" : directory.Combine(cache);

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--cache-dir", cacheDirectory, "--output", $"oci:{directory.Combine("out")}:t"]);

        AssertRejected(result, "--cache-dir");
        Assert.DoesNotContain("..", result.StandardError);
    }

    [Fact]
    public async Task MirrorWithoutDebianPathNeedsSecurityMirror()
    {
        var result = await DistillProcess.RunAsync(
            ["build", "static", "--mirror", "http://127.0.0.1:1/archive", "--output", $"oci:{directory.Combine("o")}:t"]);

        AssertRejected(result, "--security-mirror");
        Assert.Contains("--mirror http://127.0.0.1:1/archive", result.StandardError);
    }

    [Fact]
    public async Task ChangedLayerBlobIsBuiltAgain()
    {
        var cache = directory.Combine("cache");
        var first = directory.Combine("first");
        var expected = (await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", "--quiet", "--output", $"oci:{first}:static"], cache)).LastDigest();
        var layerBlob = CachedLayerBlob(cache);
        var bytes = File.ReadAllBytes(layerBlob);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(layerBlob, bytes);

        var second = directory.Combine("second");
        var rebuilt = (await DistillProcess.RunSuccessfullyAsync(
            ["build", "static", "--quiet", "--output", $"oci:{second}:static"], cache)).LastDigest();

        Assert.Equal(expected, rebuilt);
        foreach (var blob in Directory.GetFiles(Path.Combine(second, "blobs", "sha256")))
        {
            using var stream = File.OpenRead(blob);
            Assert.Equal(Path.GetFileName(blob), Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
    }

    /// <summary>Returns the blob of the one layer that the layer cache remembers.</summary>
    private static string CachedLayerBlob(string cache)
    {
        var entry = Directory.GetFiles(Path.Combine(cache, "layers")).Single();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(entry));
        var digest = json.RootElement.GetProperty("Digest").GetString()!;
        return Path.Combine(cache, "blobs", "sha256", digest["sha256:".Length..]);
    }

    private static void AssertRejected(DistillResult result, string expected)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(result.ExitCode == 1, $"distill exited with {result.ExitCode}:\n{result.StandardError}");
        Assert.Equal("", result.StandardOutput);
        Assert.Single(lines, line => line.StartsWith("distill: error:", StringComparison.Ordinal));
        Assert.Contains(expected, lines.Last());
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
    }
}
