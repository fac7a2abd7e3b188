using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Distill.Debian.Archive;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Distill.Tests.Debian;

public sealed class DebianArchiveTests : IDisposable
{
    private static readonly Lazy<TestSigningKey> Key = new(TestSigningKey.CreateEd25519);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly LoopbackArchiveServer server = new();
    private readonly string directory = Directory.CreateTempSubdirectory("distill-archive-").FullName;
    private readonly HttpClient client = new();

    public DebianArchiveTests()
    {
        File.WriteAllBytes(KeyringPath, Key.Value.PublicKeyringBytes());
    }

    private string KeyringPath => Path.Combine(directory, "keyring.gpg");

    private string CacheDirectory => Path.Combine(directory, "cache");

    private string BlobDirectory => Path.Combine(CacheDirectory, "blobs", "sha256");

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task LoadMergesThreeSuites()
    {
        PublishBookworm();

        var index = await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);

        var libc = index.Find("libc6")!;
        Assert.Equal("1.2", libc.Version.ToString());
        Assert.Equal(new Uri(server.BaseUri, "debian-security/"), libc.MirrorUri);
        Assert.Equal("5.0", index.Find("bash")!.Version.ToString());
        Assert.Equal("2.0", index.Find("tzdata")!.Version.ToString());
        Assert.Null(index.Find("python3"));
        Assert.Equal(3, index.All.Count);
    }

    [Fact]
    public async Task LoadUsesByHashPaths()
    {
        PublishBookworm();

        await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);

        var indexRequests = server.Requests.Where(request => request.Contains("binary-amd64")).ToList();
        Assert.Equal(3, indexRequests.Count);
        Assert.All(indexRequests, request => Assert.Contains("/by-hash/SHA256/", request));
        Assert.All(indexRequests, request => Assert.StartsWith("200 ", request));
    }

    [Fact]
    public async Task LoadUsesPlainPathWithoutByHash()
    {
        PublishBookworm(byHash: false);

        var index = await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);

        Assert.Contains("200 /debian/dists/bookworm/main/binary-amd64/Packages.gz", server.Requests);
        Assert.Equal("1.2", index.Find("libc6")!.Version.ToString());
    }

    [Fact]
    public async Task WarmLoadSendsOneRequestPerSuite()
    {
        PublishBookworm();
        await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);
        server.Requests.Clear();

        var index = await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.StartsWith("304 ", request));
        Assert.All(server.Requests, request => Assert.EndsWith("/InRelease", request));
        Assert.Equal("1.2", index.Find("libc6")!.Version.ToString());
    }

    [Fact]
    public async Task LoadRejectsTamperedIndex()
    {
        PublishBookworm();
        var (path, expected) = PackagesLocation("/debian/dists/bookworm-updates");
        server.Set(path, Gzip("Package: evil\nVersion: 9\nArchitecture: amd64\nFilename: x\nSize: 1\nSHA256: 00\n"));

        var error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(expected, error.ExpectedSha256);
        Assert.Contains(error.ActualSha256, error.Message);
        Assert.False(File.Exists(Path.Combine(BlobDirectory, expected)));
        Assert.Empty(Directory.GetFiles(BlobDirectory, ".tmp-*"));
    }

    [Fact]
    public async Task LoadRetriesServerErrors()
    {
        PublishBookworm();
        server.FailNext("/debian/dists/bookworm/InRelease", 2);

        var index = await CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);

        Assert.Equal(2, server.Requests.Count(request => request == "503 /debian/dists/bookworm/InRelease"));
        Assert.NotNull(index.Find("bash"));
    }

    [Fact]
    public async Task LoadGivesUpAfterMaxAttempts()
    {
        PublishBookworm();
        server.FailNext("/debian/dists/bookworm/InRelease", 10);

        var error = await Assert.ThrowsAsync<MirrorUnreachableException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Equal(3, server.Requests.Count(request => request.EndsWith("/debian/dists/bookworm/InRelease")));
        Assert.Contains("/debian/dists/bookworm/InRelease", error.Message);
        Assert.Contains("503", error.Message);
        Assert.Contains("--mirror", error.Message);
    }

    [Fact]
    public async Task LoadReportsUnreachableMirror()
    {
        var closedPort = new Uri($"http://127.0.0.1:{ClosedPort()}/debian/");
        var archive = CreateArchive(options => new DebianArchiveOptions
        {
            Mirror = closedPort,
            SecurityMirror = options.SecurityMirror,
            KeyringPaths = options.KeyringPaths,
            CacheDirectory = options.CacheDirectory,
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

        var error = await Assert.ThrowsAsync<MirrorUnreachableException>(
            () => archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Contains(closedPort.ToString(), error.Message);
        Assert.Contains("--mirror", error.Message);
    }

    [Fact]
    public async Task LoadReportsMissingSuite()
    {
        var error = await Assert.ThrowsAsync<MirrorUnreachableException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Contains("404", error.Message);
        Assert.Contains("/debian/dists/bookworm/InRelease", error.Message);
    }

    [Fact]
    public async Task LoadRejectsExpiredRelease()
    {
        PublishBookworm(validUntil: Now.AddDays(-1));

        var error = await Assert.ThrowsAsync<ReleaseExpiredException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Contains("/debian/dists/bookworm/InRelease", error.Message);
    }

    [Fact]
    public async Task LoadRejectsWrongKeyring()
    {
        PublishBookworm();
        File.WriteAllBytes(KeyringPath, TestSigningKey.CreateEd25519().PublicKeyringBytes());

        var error = await Assert.ThrowsAsync<SignatureVerificationException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None));

        Assert.Contains("--keyring", error.Message);
        Assert.False(Directory.Exists(Path.Combine(CacheDirectory, "inrelease")));
    }

    [Fact]
    public async Task LoadRejectsUnknownArchitecture()
    {
        PublishBookworm();

        var error = await Assert.ThrowsAsync<ArchiveFormatException>(
            () => CreateArchive().LoadAsync(DebianDistro.Debian12, "riscv64", CancellationToken.None));

        Assert.Contains("main/binary-riscv64/Packages", error.Message);
        Assert.Contains("amd64", error.Message);
    }

    [Fact]
    public async Task FetchDebStoresVerifiedFile()
    {
        PublishBookworm();
        var archive = CreateArchive();
        var index = await archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None);
        var libc = index.Find("libc6")!;

        var path = await archive.FetchDebAsync(libc, CancellationToken.None);

        Assert.Equal(DebBytes("libc6", "1.2"), File.ReadAllBytes(path));
        Assert.Equal(Path.Combine(BlobDirectory, libc.Sha256), path);
        Assert.Contains("200 /debian-security/pool/main/g/glibc/libc6_1.2_amd64.deb", server.Requests);
    }

    [Fact]
    public async Task FetchDebUsesCache()
    {
        PublishBookworm();
        var archive = CreateArchive();
        var bash = (await archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None)).Find("bash")!;
        await archive.FetchDebAsync(bash, CancellationToken.None);
        server.Requests.Clear();

        var path = await archive.FetchDebAsync(bash, CancellationToken.None);

        Assert.Empty(server.Requests);
        Assert.Equal(DebBytes("bash", "5.0"), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task FetchDebReplacesTruncatedFile()
    {
        PublishBookworm();
        var archive = CreateArchive();
        var bash = (await archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None)).Find("bash")!;
        var first = await archive.FetchDebAsync(bash, CancellationToken.None);
        File.WriteAllBytes(first, [1, 2, 3]);

        var path = await archive.FetchDebAsync(bash, CancellationToken.None);

        Assert.Equal(DebBytes("bash", "5.0"), File.ReadAllBytes(path));
        Assert.Equal(2, server.Requests.Count(request => request.EndsWith("bash_5.0_amd64.deb")));
    }

    [Fact]
    public async Task FetchDebRejectsTamperedFile()
    {
        PublishBookworm();
        var archive = CreateArchive();
        var bash = (await archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None)).Find("bash")!;
        var tampered = DebBytes("bash", "5.0");
        tampered[0] ^= 0xff;
        server.Set("/debian/pool/main/b/bash/bash_5.0_amd64.deb", tampered);

        var error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => archive.FetchDebAsync(bash, CancellationToken.None));

        Assert.Contains("/debian/pool/main/b/bash/bash_5.0_amd64.deb", error.Message);
        Assert.Contains(bash.Sha256, error.Message);
        Assert.Contains(Hex(tampered), error.Message);
        Assert.False(File.Exists(Path.Combine(BlobDirectory, bash.Sha256)));
        Assert.Empty(Directory.GetFiles(BlobDirectory, ".tmp-*"));
    }

    [Fact]
    public async Task FetchDebRejectsOversizedFile()
    {
        PublishBookworm();
        var archive = CreateArchive();
        var bash = (await archive.LoadAsync(DebianDistro.Debian12, "amd64", CancellationToken.None)).Find("bash")!;
        server.Set("/debian/pool/main/b/bash/bash_5.0_amd64.deb", new byte[1 << 20]);

        var error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => archive.FetchDebAsync(bash, CancellationToken.None));

        Assert.Contains("larger than", error.Message);
        Assert.False(File.Exists(Path.Combine(BlobDirectory, bash.Sha256)));
    }

    private DebianArchive CreateArchive(Func<DebianArchiveOptions, DebianArchiveOptions>? adjust = null)
    {
        var options = new DebianArchiveOptions
        {
            Mirror = new Uri(server.BaseUri, "debian"),
            SecurityMirror = new Uri(server.BaseUri, "debian-security/"),
            KeyringPaths = [KeyringPath],
            CacheDirectory = CacheDirectory,
            MaxAttempts = 3,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            Clock = new FixedClock(Now),
        };
        return new DebianArchive(adjust is null ? options : adjust(options), client, NullLogger.Instance);
    }

    private void PublishBookworm(bool byHash = true, DateTimeOffset? validUntil = null)
    {
        var until = validUntil ?? Now.AddDays(7);
        PublishSuite("/debian", "bookworm", byHash, until, Record("libc6", "1.0", "g/glibc"),
            Record("bash", "5.0", "b/bash"), Record("tzdata", "2.0", "t/tzdata"));
        PublishSuite("/debian", "bookworm-updates", byHash, until, Record("libc6", "1.1", "g/glibc"));
        PublishSuite("/debian-security", "bookworm-security", byHash, until, Record("libc6", "1.2", "g/glibc"),
            Record("bash", "4.0", "b/bash"));
        foreach (var (prefix, name, version, pool) in new[]
        {
            ("/debian", "libc6", "1.0", "g/glibc"), ("/debian", "libc6", "1.1", "g/glibc"),
            ("/debian", "bash", "5.0", "b/bash"), ("/debian", "tzdata", "2.0", "t/tzdata"),
            ("/debian-security", "libc6", "1.2", "g/glibc"), ("/debian-security", "bash", "4.0", "b/bash"),
        })
        {
            server.Set($"{prefix}/pool/main/{pool}/{name}_{version}_amd64.deb", DebBytes(name, version));
        }
    }

    private void PublishSuite(string prefix, string suite, bool byHash, DateTimeOffset validUntil, params string[] records)
    {
        var packages = Gzip(string.Join("\n", records));
        var digest = Hex(packages);
        var release = new StringBuilder()
            .Append("Origin: Debian\nLabel: Debian\n")
            .Append($"Suite: {suite}\nCodename: {suite}\n")
            .Append($"Date: {Now.AddDays(-1):ddd, dd MMM yyyy HH:mm:ss} UTC\n")
            .Append($"Valid-Until: {validUntil:ddd, dd MMM yyyy HH:mm:ss} UTC\n")
            .Append(byHash ? "Acquire-By-Hash: yes\n" : "")
            .Append("Architectures: amd64 arm64\nComponents: main\nSHA256:\n")
            .Append($" {digest} {packages.Length} main/binary-amd64/Packages.gz\n");
        server.Set($"{prefix}/dists/{suite}/InRelease",
            Encoding.UTF8.GetBytes(TestSigningKey.ClearSign(release.ToString(), Key.Value)));
        var directory = $"{prefix}/dists/{suite}/main/binary-amd64/";
        server.Set(byHash ? $"{directory}by-hash/SHA256/{digest}" : $"{directory}Packages.gz", packages);
    }

    private (string Path, string Sha256) PackagesLocation(string suiteDirectory)
    {
        var release = Encoding.UTF8.GetString(GetServed($"{suiteDirectory}/InRelease"));
        var line = release.Split('\n').First(l => l.EndsWith("main/binary-amd64/Packages.gz"));
        var digest = line.Trim().Split(' ')[0];
        return ($"{suiteDirectory}/main/binary-amd64/by-hash/SHA256/{digest}", digest);
    }

    private byte[] GetServed(string path) => client.GetByteArrayAsync(new Uri(server.BaseUri, path)).Result;

    private static string Record(string name, string version, string pool)
    {
        var deb = DebBytes(name, version);
        return $"""
            Package: {name}
            Version: {version}
            Architecture: amd64
            Filename: pool/main/{pool}/{name}_{version}_amd64.deb
            Size: {deb.Length}
            SHA256: {Hex(deb)}

            """;
    }

    private static byte[] DebBytes(string name, string version) =>
        Encoding.UTF8.GetBytes($"!<arch>\nnot a real package: {name} {version}\n");

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
