using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Distill.Tests.Fixtures;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds base-nossl with --package from a signed mirror that the test generates and serves on 127.0.0.1,
/// and checks that the added packages and their dependencies land in one new layer above the base's
/// unchanged layers.
/// </summary>
public sealed class PackageAdditionTests : IDisposable
{
    private readonly TestMirror mirror = new();
    private readonly TemporaryDirectory work = new("distill-packages");
    private LoopbackHttpServer? server;

    public PackageAdditionTests()
    {
        mirror.Debian.Suite("trixie").Add(
            new TestPackage("netbase", "6.5", "all").WithFile("etc/services", "http 80/tcp\n"),
            new TestPackage("media-types", "13.0.0", "all").WithFile("etc/mime.types", "text/plain txt\n"),
            new TestPackage("tzdata-legacy", "2025b-4", "all").WithFile("usr/share/zoneinfo/US/Eastern", "TZif"),
            new TestPackage("app-tool", "1.0")
                .WithDepends("libc6 (>= 2.36), libgnutls-test | libfoo (>= 2), mail-agent")
                .WithFile("usr/bin/app-tool", "#!/bin/sh\n"),
            new TestPackage("libfoo", "2.1").WithPreDepends("libbar").WithFile("usr/lib/libfoo.so.2", "foo"),
            new TestPackage("libbar", "0.9", "all").WithFile("usr/share/libbar/data", "bar"),
            new TestPackage("libgnutls-test", "3.8").WithFile("usr/lib/libgnutls-test.so", "gnutls"),
            new TestPackage("tiny-mailer", "1.0").WithProvides("mail-agent").WithFile("usr/sbin/sendmail", "m"));
    }

    private string Layout => work.Combine("images");

    [Fact]
    public async Task Build_WithPackage_AddsLayerAboveBase()
    {
        var baseResult = await BuildAsync("base");
        var withPackages = await BuildAsync("added", "--package", "app-tool", "--exclude", "libgnutls-test");

        Assert.Equal(0, baseResult.ExitCode);
        Assert.Equal(0, withPackages.ExitCode);
        var baseLayers = LayerDigests("base");
        var layers = LayerDigests("added");
        Assert.Equal(baseLayers.Count + 1, layers.Count);
        Assert.Equal(baseLayers, layers.Take(baseLayers.Count));

        var files = ReadLayerFiles(layers[^1]);
        string[] expected = ["app-tool", "libfoo", "libbar", "tiny-mailer"];
        foreach (var name in expected)
        {
            Assert.Contains("Status: install ok installed\n", files[$"var/lib/dpkg/status.d/{name}"]);
            Assert.Contains($"Package: {name}\n", files[$"var/lib/dpkg/status.d/{name}"]);
        }

        Assert.Contains("Depends: libc6 (>= 2.36)", files["var/lib/dpkg/status.d/app-tool"]);
        Assert.Contains("usr/bin/app-tool", files.Keys);
        Assert.DoesNotContain("var/lib/dpkg/status.d/libgnutls-test", files.Keys);
        Assert.DoesNotContain("var/lib/dpkg/status.d/libc6", files.Keys);
    }

    [Fact]
    public async Task Build_WithPackage_LogsReasons()
    {
        var result = await BuildAsync("added", "--package", "app-tool", "--exclude", "libgnutls-test");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("adding app-tool 1.0 (requested)", result.StandardError);
        Assert.Contains("adding libbar 0.9 (needed by libfoo for Pre-Depends: libbar)", result.StandardError);
    }

    [Fact]
    public async Task Build_WithUnsatisfiablePackage_FailsWithChain()
    {
        var result = await BuildAsync(
            "failed", "--package", "app-tool", "--exclude", "libgnutls-test", "--exclude", "libbar");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("app-tool -> libfoo (>= 2) -> libbar: libbar is excluded", result.StandardError);
        Assert.False(Directory.Exists(Path.Combine(Layout, "failed")), "a failed build wrote its layout");
    }

    public void Dispose()
    {
        server?.Dispose();
        mirror.Dispose();
        work.Dispose();
    }

    private async Task<DistillResult> BuildAsync(string tag, params string[] extraArguments)
    {
        if (server is null)
        {
            mirror.Build();
            server = LoopbackHttpServer.Start(mirror.RootDirectory);
        }

        List<string> arguments =
        [
            "build", "base-nossl", "--distro", "debian13", "--arch", "amd64",
            "--mirror", server.Url("debian").ToString(), "--security-mirror", server.Url("debian-security").ToString(),
            "--keyring", mirror.Debian.KeyringPath, "--output", $"oci:{Path.Combine(Layout, tag)}:{tag}",
            .. extraArguments,
        ];
        return await DistillProcess.RunAsync(arguments, cacheDirectory: work.Combine("cache"));
    }

    private List<string> LayerDigests(string tag)
    {
        var layout = Path.Combine(Layout, tag);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json")));
        var digest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(BlobPath(layout, digest)));
        return
        [
            .. manifest.RootElement.GetProperty("layers").EnumerateArray()
                .Select(layer => layer.GetProperty("digest").GetString()!),
        ];
    }

    private Dictionary<string, string> ReadLayerFiles(string digest)
    {
        var files = new Dictionary<string, string>();
        using var blob = File.OpenRead(BlobPath(Path.Combine(Layout, "added"), digest));
        using var tar = new TarReader(new GZipStream(blob, CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                using var reader = new StreamReader(entry.DataStream ?? Stream.Null);
                files[entry.Name.TrimEnd('/')] = reader.ReadToEnd();
            }
        }

        return files;
    }

    private static string BlobPath(string layout, string digest) =>
        Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}
