using Xunit;

namespace Distill.Tests.Fixtures.SelfTests;

/// <summary>Checks the .deb files of <see cref="TestPackage"/> with dpkg-deb, the reference reader.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestPackageTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<string> Architectures => new() { "amd64", "arm64" };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void MinimalSetReadableByDpkgDeb(string architecture)
    {
        foreach (var package in TestPackages.MinimalImageSet(architecture))
        {
            var path = WriteDeb(package);

            var info = ExternalTool.Run("dpkg-deb", ["--info", path]);
            Assert.True(info.ExitCode == 0, info.ToString());
            Assert.Contains($"Package: {package.Name}", info.OutputText);

            var contents = ExternalTool.Run("dpkg-deb", ["--contents", path]);
            Assert.True(contents.ExitCode == 0, contents.ToString());
            foreach (var entry in package.Entries)
            {
                Assert.Contains($"./{entry.Path}", contents.OutputText);
            }
        }
    }

    [Theory]
    [InlineData(CompressionFormat.Xz, CompressionFormat.Xz)]
    [InlineData(CompressionFormat.Gzip, CompressionFormat.Gzip)]
    [InlineData(CompressionFormat.Xz, CompressionFormat.Zstd)]
    [InlineData(CompressionFormat.Zstd, CompressionFormat.Zstd)]
    [InlineData(CompressionFormat.Gzip, CompressionFormat.None)]
    public void CompressionsExtractWithDpkgDeb(CompressionFormat control, CompressionFormat data)
    {
        var package = new TestPackage("hello", "1.0-1")
            .WithCompression(control, data)
            .WithFile("usr/bin/hello", "#!/bin/sh\necho hello\n", TestPackageEntry.ExecutableMode);
        var path = WriteDeb(package);
        var members = ExternalTool.RunChecked("ar", ["t", path]).OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var extracted = directory.Combine("extracted");

        var extract = ExternalTool.Run("dpkg-deb", ["--extract", path, extracted]);

        Assert.Equal(["debian-binary", "control.tar" + Compression.FileSuffix(control), "data.tar" + Compression.FileSuffix(data)], members);
        Assert.True(extract.ExitCode == 0, extract.ToString());
        Assert.Equal("#!/bin/sh\necho hello\n", File.ReadAllText(Path.Combine(extracted, "usr/bin/hello")));
        Assert.Equal(TestPackageEntry.ExecutableMode, File.GetUnixFileMode(Path.Combine(extracted, "usr/bin/hello")));
    }

    [Fact]
    public void ControlFieldsReadByDpkgDeb()
    {
        var package = new TestPackage("libexample1", "2:1.5-3", "arm64")
        {
            Source = "example (1.5-2)",
            Depends = "libc6 (>= 2.36), libgcc-s1",
            PreDepends = "dpkg (>= 1.15)",
            Provides = "libexample",
            MultiArch = "same",
            Description = "example library\nFirst paragraph.\n\nSecond paragraph.",
        }.WithFile("usr/lib/aarch64-linux-gnu/libexample.so.1", "x");
        var path = WriteDeb(package);

        string Field(string name) => ExternalTool.RunChecked("dpkg-deb", ["--field", path, name]).OutputText.TrimEnd('\n');

        Assert.Equal("libexample1_1.5-3_arm64.deb", package.FileName);
        Assert.Equal("2:1.5-3", Field("Version"));
        Assert.Equal("arm64", Field("Architecture"));
        Assert.Equal("example (1.5-2)", Field("Source"));
        Assert.Equal("libc6 (>= 2.36), libgcc-s1", Field("Depends"));
        Assert.Equal("dpkg (>= 1.15)", Field("Pre-Depends"));
        Assert.Equal("libexample", Field("Provides"));
        Assert.Equal("same", Field("Multi-Arch"));
        Assert.Equal(TestPackage.DefaultMaintainer, Field("Maintainer"));
        Assert.Equal("example library\n First paragraph.\n .\n Second paragraph.", Field("Description"));
    }

    [Fact]
    public void EntryTypesAndModesPreserved()
    {
        var path = WriteDeb(TestPackages.Tzdata());
        var baseFiles = WriteDeb(TestPackages.BaseFiles());

        var tzdata = ExternalTool.RunChecked("dpkg-deb", ["--contents", path]).OutputText;
        var basics = ExternalTool.RunChecked("dpkg-deb", ["--contents", baseFiles]).OutputText;

        Assert.Contains("./usr/share/zoneinfo/UTC -> Etc/UTC", tzdata);
        Assert.Contains("./usr/share/zoneinfo/Etc/Universal link to ./usr/share/zoneinfo/Etc/UTC", tzdata);
        Assert.Matches(@"drwxrwxrwt root/root +0 [-0-9: ]+\./tmp/", basics);
        Assert.Matches(@"drwx------ root/root +0 [-0-9: ]+\./root/", basics);
        Assert.Contains("./etc/os-release -> ../usr/lib/os-release", basics);
    }

    [Fact]
    public void ZoneFileReadByZdump()
    {
        var extracted = directory.Combine("tz");
        ExternalTool.RunChecked("dpkg-deb", ["--extract", WriteDeb(TestPackages.Tzdata()), extracted]);

        var zoneFile = Path.Combine(extracted, "usr/share/zoneinfo/Etc/GMT-1");
        var result = ExternalTool.Run("zdump", [zoneFile], environment: new Dictionary<string, string> { ["TZ"] = "UTC" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("+01\n", result.OutputText);
    }

    [Fact]
    public void CertificatesParseAsX509()
    {
        foreach (var certificate in TestCertificates.All)
        {
            using var parsed = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificate.Pem);

            Assert.Equal(certificate.Subject, parsed.Subject);
            Assert.Equal(parsed.Subject, parsed.Issuer);
        }
    }

    [Fact]
    public void BuildIsDeterministic()
    {
        var first = TestPackages.CaCertificates().BuildDeb();
        var second = TestPackages.CaCertificates().BuildDeb();

        Assert.Equal(first, second);
    }

    [Fact]
    public void MaintainerScriptsInControlTar()
    {
        var path = WriteDeb(TestPackages.CaCertificates());
        var control = directory.Combine("control");

        ExternalTool.RunChecked("dpkg-deb", ["--control", path, control]);

        Assert.Equal("/etc/ca-certificates.conf\n", File.ReadAllText(Path.Combine(control, "conffiles")));
        Assert.Equal(TestPackageEntry.ExecutableMode, File.GetUnixFileMode(Path.Combine(control, "postinst")));
        Assert.Contains("usr/share/ca-certificates/mozilla/Distill_Test_Root_RSA.crt", File.ReadAllText(Path.Combine(control, "md5sums")));
    }

    private string WriteDeb(TestPackage package)
    {
        var path = directory.Combine(package.FileName);
        File.WriteAllBytes(path, package.BuildDeb());
        return path;
    }
}
