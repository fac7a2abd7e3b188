using System.Text;
using Xunit;

namespace Distill.Tests.Fixtures.SelfTests;

/// <summary>Checks the layout, digests and signatures of <see cref="TestRepository"/> with gpgv and dpkg-deb.</summary>
public sealed class TestRepositoryTests : IDisposable
{
    private readonly TestMirror mirror = new();

    public void Dispose() => mirror.Dispose();

    public static TheoryData<TestKeyType> KeyTypes => new() { TestKeyType.Rsa2048, TestKeyType.Rsa3072, TestKeyType.Ed25519Legacy };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void InReleaseVerifiesWithGpgv(TestKeyType keyType)
    {
        var repository = mirror.Debian;
        repository.SigningKeys.Clear();
        repository.SigningKeys.Add(SharedKey(keyType));
        mirror.Build();

        var inRelease = Gpgv(repository, "dists/trixie/InRelease");
        var detached = Gpgv(repository, "dists/trixie/Release.gpg", "dists/trixie/Release");

        Assert.True(inRelease.ExitCode == 0, inRelease.ToString());
        Assert.Contains($"using {AlgorithmName(keyType)} key {SharedKey(keyType).Fingerprint}", inRelease.StandardError);
        Assert.True(detached.ExitCode == 0, detached.ToString());
    }

    [Fact]
    public void InReleaseWithTwoSignaturesVerifies()
    {
        mirror.Debian.SigningKeys.Add(TestSigningKey.Ed25519);
        mirror.Build();

        var result = Gpgv(mirror.Debian, "dists/trixie-updates/InRelease");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, CountOccurrences(result.StandardError, "Good signature"));
    }

    [Fact]
    public void InReleaseTextMatchesRelease()
    {
        mirror.Build();
        var inRelease = File.ReadAllText(mirror.Debian.FullPath("dists/trixie/InRelease"));
        var release = File.ReadAllText(mirror.Debian.FullPath("dists/trixie/Release"));

        var output = ExternalTool.RunChecked("gpgv", ["--keyring", mirror.Debian.KeyringPath, "--output", "-",
            mirror.Debian.FullPath("dists/trixie/InRelease")]);

        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + release, inRelease);
        Assert.Equal(release, output.OutputText);
    }

    [Fact]
    public void ReleaseFieldsPresent()
    {
        mirror.Build();
        var release = File.ReadAllText(mirror.Security.FullPath("dists/trixie-security/Release"));

        foreach (var field in new[] { "Origin: Debian", "Label: Debian-Security", "Suite: trixie-security", "Codename: trixie",
            "Date: ", "Valid-Until: ", "Acquire-By-Hash: yes", "Architectures: amd64 arm64", "Components: main", "MD5Sum:\n", "SHA256:\n" })
        {
            Assert.Contains(field, release);
        }
    }

    [Fact]
    public void ReleaseDigestsMatchIndexFiles()
    {
        mirror.Build();

        foreach (var (repository, suite) in AllSuites())
        {
            var entries = ReleaseEntries(repository, suite, "SHA256");
            Assert.Equal(8, entries.Count); // Packages, .gz, .xz and Release for amd64 and arm64
            foreach (var (path, sha256, size) in entries)
            {
                var digest = FileDigest.OfFile(repository.FullPath($"dists/{suite}/{path}"));
                Assert.Equal(sha256, digest.Sha256);
                Assert.Equal(size, digest.Size);
                if (!path.EndsWith("/Release", StringComparison.Ordinal))
                {
                    var byHash = Path.Combine(Path.GetDirectoryName(path)!, "by-hash", "SHA256", sha256);
                    Assert.True(File.Exists(repository.FullPath($"dists/{suite}/{byHash}")), $"missing {byHash}");
                }
            }
        }
    }

    [Fact]
    public void PackagesDigestsMatchPoolFiles()
    {
        mirror.Build();

        foreach (var (repository, suite) in AllSuites())
        {
            foreach (var architecture in new[] { "amd64", "arm64" })
            {
                var stanzas = File.ReadAllText(repository.FullPath(TestRepository.PackagesPath(suite, architecture)))
                    .Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
                Assert.NotEmpty(stanzas);
                foreach (var stanza in stanzas)
                {
                    var digest = FileDigest.OfFile(repository.FullPath(Field(stanza, "Filename")));
                    Assert.Equal(Field(stanza, "SHA256"), digest.Sha256);
                    Assert.Equal(Field(stanza, "MD5sum"), digest.Md5);
                    Assert.Equal(Field(stanza, "Size"), digest.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Contains(Field(stanza, "Architecture"), new[] { architecture, "all" });
                }
            }
        }
    }

    [Fact]
    public void PoolFilesReadableByDpkgDeb()
    {
        mirror.Build();

        foreach (var repository in new[] { mirror.Debian, mirror.Security })
        {
            Assert.NotEmpty(repository.PoolFiles);
            foreach (var poolFile in repository.PoolFiles.Keys)
            {
                var info = ExternalTool.Run("dpkg-deb", ["--info", repository.FullPath(poolFile)]);
                var contents = ExternalTool.Run("dpkg-deb", ["--contents", repository.FullPath(poolFile)]);
                Assert.True(info.ExitCode == 0, info.ToString());
                Assert.True(contents.ExitCode == 0, contents.ToString());
            }
        }
    }

    [Fact]
    public void PoolLayoutFollowsDebian()
    {
        mirror.Build();

        Assert.Contains("pool/main/g/glibc/libc6_2.41-12_amd64.deb", mirror.Debian.PoolFiles.Keys);
        Assert.Contains("pool/main/t/tzdata/tzdata_2025b-4_all.deb", mirror.Debian.PoolFiles.Keys);
        Assert.Contains("pool/main/libc/libcap2/libcap2_1.0_amd64.deb", new[] { TestRepository.PoolPath(new TestPackage("libcap2", "1.0")) });
        Assert.Contains("pool/main/t/tzdata/tzdata_2025b-4+deb13u1_all.deb", mirror.Debian.PoolFiles.Keys);
        Assert.Contains("pool/main/g/glibc/libc6_2.41-12+deb13u1_arm64.deb", mirror.Security.PoolFiles.Keys);
    }

    [Fact]
    public void ArmoredKeyringMatchesBinary()
    {
        mirror.Build();
        var armored = File.ReadAllText(mirror.Debian.ArmoredKeyringPath);

        using var input = new Org.BouncyCastle.Bcpg.ArmoredInputStream(new MemoryStream(Encoding.ASCII.GetBytes(armored)));
        using var decoded = new MemoryStream();
        input.CopyTo(decoded);

        Assert.Equal(File.ReadAllBytes(mirror.Debian.KeyringPath), decoded.ToArray());
        Assert.False(input.IsClearText());
    }

    [Fact]
    public void UntrustedSignerFailsGpgv()
    {
        mirror.Debian.SigningKeys.Clear();
        mirror.Debian.SigningKeys.Add(TestSigningKey.Untrusted);
        mirror.Debian.TrustedKeys = [TestSigningKey.Rsa3072];
        mirror.Build();

        var result = Gpgv(mirror.Debian, "dists/trixie/InRelease");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No public key", result.StandardError);
    }

    [Fact]
    public void CorruptSignatureFailsGpgv()
    {
        mirror.Build();
        mirror.Debian.CorruptInReleaseSignature("trixie");

        var result = Gpgv(mirror.Debian, "dists/trixie/InRelease");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("BAD signature", result.StandardError);
    }

    [Fact]
    public void EditedInReleaseTextFailsGpgv()
    {
        mirror.Build();
        mirror.Debian.TamperWithInReleaseText("trixie", text => text.Replace("Components: main", "Components: main contrib"));

        var result = Gpgv(mirror.Debian, "dists/trixie/InRelease");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("BAD signature", result.StandardError);
    }

    [Fact]
    public void TamperedPackagesIndexMismatchesRelease()
    {
        mirror.Build();
        var before = ReleaseEntries(mirror.Debian, "trixie", "SHA256").ToDictionary(entry => entry.Path, entry => entry.Sha256);

        mirror.Debian.TamperWithPackagesIndex("trixie", "amd64");

        foreach (var path in new[] { "main/binary-amd64/Packages", "main/binary-amd64/Packages.gz", "main/binary-amd64/Packages.xz" })
        {
            Assert.NotEqual(before[path], FileDigest.OfFile(mirror.Debian.FullPath($"dists/trixie/{path}")).Sha256);
            var byHash = mirror.Debian.FullPath($"dists/trixie/main/binary-amd64/by-hash/SHA256/{before[path]}");
            Assert.NotEqual(before[path], FileDigest.OfFile(byHash).Sha256);
        }

        Assert.Equal(0, Gpgv(mirror.Debian, "dists/trixie/InRelease").ExitCode);
    }

    [Fact]
    public void TamperedPackageMismatchesPackages()
    {
        mirror.Build();
        var libc6 = TestPackages.Libc6();
        var recorded = mirror.Debian.PoolFiles[TestRepository.PoolPath(libc6)].Digest;

        mirror.Debian.TamperWithPackage(libc6);
        var tampered = FileDigest.OfFile(mirror.Debian.FullPath(TestRepository.PoolPath(libc6)));

        Assert.Equal(recorded.Size, tampered.Size);
        Assert.NotEqual(recorded.Sha256, tampered.Sha256);
    }

    [Fact]
    public void ConflictingPoolFilesRejected()
    {
        using var repository = new TestRepository();
        repository.AddSuite("trixie").Add(new TestPackage("hello", "1.0").WithFile("a", "1"));
        repository.AddSuite("forky").Add(new TestPackage("hello", "1.0").WithFile("a", "2"));

        var exception = Assert.Throws<InvalidOperationException>(() => repository.Build());

        Assert.Contains("pool/main/h/hello/hello_1.0_amd64.deb", exception.Message);
    }

    internal static TestSigningKey SharedKey(TestKeyType type) => type switch
    {
        TestKeyType.Rsa2048 => TestSigningKey.Rsa2048,
        TestKeyType.Rsa3072 => TestSigningKey.Rsa3072,
        _ => TestSigningKey.Ed25519,
    };

    private static string AlgorithmName(TestKeyType type) => type == TestKeyType.Ed25519Legacy ? "EDDSA" : "RSA";

    private IEnumerable<(TestRepository Repository, string Suite)> AllSuites() =>
        [(mirror.Debian, "trixie"), (mirror.Debian, "trixie-updates"), (mirror.Security, "trixie-security")];

    private static ToolResult Gpgv(TestRepository repository, params string[] relativePaths) =>
        ExternalTool.Run("gpgv", ["--keyring", repository.KeyringPath, .. relativePaths.Select(repository.FullPath)],
            environment: new Dictionary<string, string> { ["LC_ALL"] = "C" });

    /// <summary>Returns the entries of one hash list of a Release file, such as "SHA256".</summary>
    private static List<(string Path, string Sha256, long Size)> ReleaseEntries(TestRepository repository, string suite, string list)
    {
        var lines = File.ReadAllLines(repository.FullPath($"dists/{suite}/Release"));
        return lines
            .SkipWhile(line => line != list + ":")
            .Skip(1)
            .TakeWhile(line => line.StartsWith(' '))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (parts[2], parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static string Field(string stanza, string name) =>
        stanza.Split('\n').Single(line => line.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..];

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
