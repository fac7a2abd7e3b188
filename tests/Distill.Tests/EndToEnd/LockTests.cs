using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Distill.Tests.Fixtures;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Locks base-nossl with the command line against a small signed Debian mirror served on 127.0.0.1, then
/// builds from the lock file while the mirror changes: a newer version, a removed .deb, a tampered .deb.
/// </summary>
public sealed class LockTests : IDisposable
{
    private const string NewerTzdataVersion = "2025b-4+deb13u2";

    private readonly TestMirror mirror = new();
    private readonly TemporaryDirectory work = new("distill-lock");
    private LoopbackHttpServer? server;

    public LockTests()
    {
        mirror.Debian.Suite("trixie").Add(
            new TestPackage("netbase", "6.5", "all").WithFile("etc/services", "http 80/tcp\n"),
            new TestPackage("media-types", "13.0.0", "all").WithFile("etc/mime.types", "text/plain txt\n"),
            new TestPackage("tzdata-legacy", "2025b-4", "all").WithFile("usr/share/zoneinfo/US/Eastern", "TZif"));
    }

    private string LockPath => work.Combine("base-nossl.lock.json");

    private string Layout => work.Combine("images");

    [Fact]
    public async Task BuildFromLock_GivesPlainBuildDigest()
    {
        var plain = (await BuildAsync("plain-cache")).LastDigest();
        Directory.Delete(Layout, recursive: true);
        await LockAsync();

        var locked = await BuildAsync("locked-cache", "--lock", LockPath);

        Assert.Equal(0, locked.ExitCode);
        Assert.Equal(plain, locked.LastDigest());
        var lockText = File.ReadAllText(LockPath);
        Assert.Contains($"\"version\": \"{TestMirror.SecurityLibc6Version}\"", lockText);
        Assert.Contains("\"image\": \"base-nossl\"", lockText);
    }

    [Fact]
    public async Task Lock_Twice_WritesSameBytes()
    {
        await LockAsync();
        var first = File.ReadAllBytes(LockPath);

        await LockAsync();

        Assert.Equal(first, File.ReadAllBytes(LockPath));
    }

    [Fact]
    public async Task BuildFromLock_RemovedDeb_NamesPackage()
    {
        await LockAsync();
        var libc6 = mirror.Security.Suite("trixie-security").Packages
            .First(entry => entry.Package.Architecture == "amd64").Package;
        mirror.Security.DeleteFile(TestRepository.PoolPath(libc6));

        var result = await BuildAsync("fresh-cache", "--lock", LockPath);

        AssertFailedWithout(result);
        Assert.Contains($"libc6 {TestMirror.SecurityLibc6Version}", result.StandardError);
        Assert.Contains(libc6.FileName, result.StandardError);
        Assert.Contains($"distill lock --update {LockPath}", result.StandardError);
    }

    [Fact]
    public async Task BuildFromLock_TamperedDeb_FailsWithDigests()
    {
        await LockAsync();
        var baseFiles = mirror.Debian.Suite("trixie").Packages
            .First(entry => entry.Package.Name == "base-files" && entry.Package.Architecture == "amd64").Package;
        var lockedDigest = FileDigest.OfFile(mirror.Debian.FullPath(TestRepository.PoolPath(baseFiles))).Sha256;
        mirror.Debian.TamperWithPackage(baseFiles);
        var tamperedDigest = FileDigest.OfFile(mirror.Debian.FullPath(TestRepository.PoolPath(baseFiles))).Sha256;

        var result = await BuildAsync("fresh-cache", "--lock", LockPath);

        AssertFailedWithout(result);
        Assert.Contains("base-files", result.StandardError);
        Assert.Contains(lockedDigest, result.StandardError);
        Assert.Contains(tamperedDigest, result.StandardError);
    }

    [Fact]
    public async Task Update_PrintsChange_AndBuildUsesIt()
    {
        await LockAsync();
        var before = (await BuildAsync("cache", "--lock", LockPath)).LastDigest();
        Directory.Delete(Layout, recursive: true);
        mirror.Debian.Suite("trixie-updates").Add(TestPackages.Tzdata(NewerTzdataVersion));
        mirror.Build();

        var pinned = await BuildAsync("cache", "--lock", LockPath);
        Assert.Equal(before, pinned.LastDigest());
        Directory.Delete(Layout, recursive: true);

        var update = await DistillProcess.RunSuccessfullyAsync(
            ["lock", "--update", LockPath, .. MirrorArguments()], work.Combine("cache"));
        Assert.Contains($"tzdata {TestMirror.UpdatedTzdataVersion} -> {NewerTzdataVersion}", update.StandardOutput);

        var updated = await BuildAsync("cache", "--lock", LockPath);
        Assert.Equal(0, updated.ExitCode);
        Assert.NotEqual(before, updated.LastDigest());
        Assert.Contains($"Version: {NewerTzdataVersion}\n", ReadLayerFiles()["var/lib/dpkg/status.d/tzdata"]);

        var again = await DistillProcess.RunSuccessfullyAsync(
            ["lock", "--update", LockPath, .. MirrorArguments()], work.Combine("cache"));
        Assert.Equal("no changes\n", again.StandardOutput);
    }

    [Fact]
    public async Task BuildFromLock_OtherDistro_Rejected()
    {
        await LockAsync();

        var result = await DistillProcess.RunAsync(
            ["build", "base-nossl", "--distro", "debian12", "--arch", "amd64", "--lock", LockPath,
                .. MirrorArguments(), "--output", $"oci:{Layout}:base-nossl"],
            work.Combine("cache"));

        AssertFailedWithout(result);
        Assert.Contains("debian13", result.StandardError);
        Assert.Contains("debian12", result.StandardError);
    }

    [Fact]
    public async Task BuildFromLock_OtherImage_Rejected()
    {
        await LockAsync();

        var result = await DistillProcess.RunAsync(
            ["build", "static", "--lock", LockPath, .. MirrorArguments(), "--output", $"oci:{Layout}:static"],
            work.Combine("cache"));

        AssertFailedWithout(result);
        Assert.Contains("base-nossl", result.StandardError);
        Assert.Contains("requests static", result.StandardError);
    }

    public void Dispose()
    {
        server?.Dispose();
        mirror.Dispose();
        work.Dispose();
    }

    private LoopbackHttpServer Serve()
    {
        if (server is null)
        {
            mirror.Build();
            server = LoopbackHttpServer.Start(mirror.RootDirectory);
        }

        return server;
    }

    private List<string> MirrorArguments()
    {
        var server = Serve();
        return
        [
            "--mirror", server.Url("debian").ToString(), "--security-mirror", server.Url("debian-security").ToString(),
            "--keyring", mirror.Debian.KeyringPath,
        ];
    }

    private async Task LockAsync() => await DistillProcess.RunSuccessfullyAsync(
        ["lock", "base-nossl", "--distro", "debian13", "--arch", "amd64", .. MirrorArguments(), "--output", LockPath],
        work.Combine("cache"));

    private async Task<DistillResult> BuildAsync(string cacheName, params string[] extra) =>
        await DistillProcess.RunAsync(
            ["build", "base-nossl", "--distro", "debian13", "--arch", "amd64", .. MirrorArguments(), .. extra,
                "--output", $"oci:{Layout}:base-nossl"],
            work.Combine(cacheName));

    private void AssertFailedWithout(DistillResult result)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("distill: error: ", result.StandardError.Split('\n').Last(line => line.Length > 0));
        Assert.False(Directory.Exists(Layout), $"a failed build left {Layout} behind");
    }

    /// <summary>Reads every regular file of the image's layers, upper layers replacing lower ones.</summary>
    private Dictionary<string, string> ReadLayerFiles()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(BlobPath(manifestDigest)));
        var files = new Dictionary<string, string>();
        foreach (var layer in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            using var blob = File.OpenRead(BlobPath(layer.GetProperty("digest").GetString()!));
            using var tar = new TarReader(new GZipStream(blob, CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    using var reader = new StreamReader(entry.DataStream ?? Stream.Null);
                    files[entry.Name.TrimEnd('/')] = reader.ReadToEnd();
                }
            }
        }

        return files;
    }

    private string BlobPath(string digest) => Path.Combine(Layout, "blobs", "sha256", digest["sha256:".Length..]);
}
