using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Distill.Tests.Fixtures;

namespace Distill.Tests.EndToEnd;

/// <summary>
/// Builds base-nossl with the command line from a small signed Debian mirror that the test generates and
/// serves on 127.0.0.1, then breaks the mirror in each way that must stop a build: a changed .deb, a
/// changed Packages index, a bad or untrusted signature, an expired Release. A failed build writes nothing.
/// </summary>
public sealed class HermeticBuildTests : IDisposable
{
    private readonly TestMirror mirror = new();
    private readonly TemporaryDirectory work = new("distill-hermetic");
    private LoopbackHttpServer? server;

    public HermeticBuildTests()
    {
        var trixie = mirror.Debian.Suite("trixie");
        trixie.Add(
            new TestPackage("netbase", "6.5", "all").WithFile("etc/services", "http 80/tcp\n"),
            new TestPackage("media-types", "13.0.0", "all").WithFile("etc/mime.types", "text/plain txt\n"),
            new TestPackage("tzdata-legacy", "2025b-4", "all").WithFile("usr/share/zoneinfo/US/Eastern", "TZif"));
    }

    private string Layout => work.Combine("images");

    [Fact]
    public async Task Build_TakesNewestVersionAcrossSuites()
    {
        var result = await BuildAsync();

        Assert.Equal(0, result.ExitCode);
        var status = ReadLayerFiles();
        Assert.Contains($"Version: {TestMirror.SecurityLibc6Version}\n", status["var/lib/dpkg/status.d/libc6"]);
        Assert.Contains($"Version: {TestMirror.UpdatedTzdataVersion}\n", status["var/lib/dpkg/status.d/tzdata"]);
        Assert.Contains("Status: install ok installed\n", status["var/lib/dpkg/status.d/libc6"]);
    }

    [Fact]
    public async Task Build_MovesLibcIntoUsr()
    {
        await BuildAsync();

        var files = ReadLayerFiles();
        Assert.Contains("usr/lib/x86_64-linux-gnu/libc.so.6", files.Keys);
        Assert.DoesNotContain(files.Keys, path => path.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_Twice_GivesSameDigestFromInReleaseAlone()
    {
        var first = (await BuildAsync()).LastDigest();
        server!.ClearRequests();

        var second = (await BuildAsync()).LastDigest();

        Assert.Equal(first, second);
        Assert.All(server.Requests, request => Assert.EndsWith("/InRelease", request.Path));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Build_RejectsTamperedPackage()
    {
        Serve();
        mirror.Debian.TamperWithPackage(mirror.Debian.Suite("trixie").Packages
            .First(entry => entry.Package.Name == "base-files" && entry.Package.Architecture == "amd64").Package);

        var result = await BuildAsync();

        AssertFailedWithout(result, "base-files");
        Assert.Contains("sha256", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Build_RejectsTamperedIndex()
    {
        Serve();
        mirror.Debian.TamperWithPackagesIndex("trixie", "amd64");

        var result = await BuildAsync();

        AssertFailedWithout(result, "Packages");
    }

    [Fact]
    public async Task Build_RejectsCorruptSignature()
    {
        Serve();
        mirror.Debian.CorruptInReleaseSignature("trixie");

        var result = await BuildAsync();

        AssertFailedWithout(result, "InRelease");
    }

    [Fact]
    public async Task Build_RejectsUntrustedSigner()
    {
        Serve();
        mirror.Debian.ResignRelease("trixie-updates", TestSigningKey.Untrusted);

        var result = await BuildAsync();

        AssertFailedWithout(result, "--keyring");
    }

    [Fact]
    public async Task Build_RejectsExpiredRelease()
    {
        mirror.Security.Suite("trixie-security").ValidUntil = DateTimeOffset.UtcNow.AddDays(-1);

        var result = await BuildAsync();

        AssertFailedWithout(result, "trixie-security");
    }

    [Fact]
    public async Task Build_KilledMidway_LeavesUsableCache()
    {
        var server = Serve();
        var expected = (await BuildAsync(cacheName: "reference")).LastDigest();
        Directory.Delete(Layout, recursive: true);
        server.AddFault(path => path.Contains("/pool/") && path.Contains("libc6"), HttpFaultKind.Delay, count: 1,
            delay: TimeSpan.FromSeconds(15));

        using (var killed = DistillProcess.Start(BuildArguments(), work.Combine("cache")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!server.Requests.Any(request => request.Path.Contains("libc6")) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }

        Assert.False(Directory.Exists(Layout), $"a killed build left {Layout} behind");
        var rerun = await BuildAsync();
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(expected, rerun.LastDigest());
    }

    public void Dispose()
    {
        server?.Dispose();
        mirror.Dispose();
        work.Dispose();
    }

    /// <summary>Writes the mirror and serves it; tampering with the mirror comes after this.</summary>
    private LoopbackHttpServer Serve()
    {
        if (server is null)
        {
            mirror.Build();
            server = LoopbackHttpServer.Start(mirror.RootDirectory);
        }

        return server;
    }

    private async Task<DistillResult> BuildAsync(string cacheName = "cache") =>
        await DistillProcess.RunAsync(BuildArguments(), cacheDirectory: work.Combine(cacheName));

    private List<string> BuildArguments()
    {
        var server = Serve();
        return
        [
            "build", "base-nossl", "--distro", "debian13", "--arch", "amd64",
            "--mirror", server.Url("debian").ToString(), "--security-mirror", server.Url("debian-security").ToString(),
            "--keyring", mirror.Debian.KeyringPath, "--output", $"oci:{Layout}:base-nossl",
        ];
    }

    private void AssertFailedWithout(DistillResult result, string expectedInMessage)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("distill: error: ", result.StandardError.Split('\n').Last(line => line.Length > 0));
        Assert.Contains(expectedInMessage, result.StandardError);
        Assert.False(Directory.Exists(Layout), $"a failed build left {Layout} behind");
    }

    /// <summary>Reads every regular file of the image's layers, upper layers replacing lower ones.</summary>
    private Dictionary<string, string> ReadLayerFiles()
    {
        var files = new Dictionary<string, string>();
        foreach (var layer in ReadManifest().GetProperty("layers").EnumerateArray())
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

    private JsonElement ReadManifest()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Layout, "index.json")));
        var digest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        return JsonDocument.Parse(File.ReadAllText(BlobPath(digest))).RootElement;
    }

    private string BlobPath(string digest) => Path.Combine(Layout, "blobs", "sha256", digest["sha256:".Length..]);
}
