using Distill.Content;
using Distill.Debian.Packages;
using Distill.Tests.Support;
using Xunit;

namespace Distill.Tests.Content;

/// <summary>Reads the applets of Debian's busybox-static, downloaded from the host's mirror.</summary>
public sealed class BusyboxAppletsDebianTests
{
    private const string PackageName = "busybox-static";

    [Theory]
    [InlineData("bookworm", "amd64", "bin/busybox")]
    [InlineData("bookworm", "arm64", "bin/busybox")]
    [InlineData("trixie", "amd64", "usr/bin/busybox")]
    [InlineData("trixie", "arm64", "usr/bin/busybox")]
    public async Task Read_DebianBusybox_ContainsCoreApplets(string suite, string architecture, string binaryPath)
    {
        var (applets, foundPath) = await ReadAppletsAsync(suite, architecture);

        Assert.Equal(binaryPath, foundPath);
        Assert.InRange(applets.Count, 100, 1000);
        Assert.Contains("sh", applets);
        Assert.Contains("ls", applets);
        Assert.Contains("cat", applets);
        Assert.Contains("wget", applets);
    }

    [Theory]
    [InlineData("bookworm")]
    [InlineData("trixie")]
    public async Task Read_Amd64Busybox_MatchesBusyboxList(string suite)
    {
        var download = await DebianMirror.DownloadAsync(suite, "amd64", PackageName);
        var (applets, binaryPath) = ReadApplets(download);
        using var directory = new TempDirectory();
        var binary = directory.Combine("busybox");
        var busybox = DebReader.Read(download.Path).Files.Single(file => file.Path == binaryPath);
        File.WriteAllBytes(binary, ((BytesContent)busybox.Content!).Bytes.ToArray());
        ProcessRunner.Run("chmod", ["0755", binary]);

        var listed = ProcessRunner.Run(binary, ["--list"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(listed, applets);
    }

    /// <summary>
    /// Compares arm64 with amd64, which this test host can check by running busybox. Builds of the same
    /// source version share one configuration, so their lists must be equal. A binNMU ("+b1") changes
    /// only the binary version, so the test compares source versions.
    /// </summary>
    [Theory]
    [InlineData("bookworm")]
    [InlineData("trixie")]
    public async Task Read_Arm64Busybox_MatchesAmd64(string suite)
    {
        var arm64 = await DebianMirror.DownloadAsync(suite, "arm64", PackageName);
        var amd64 = await DebianMirror.DownloadAsync(suite, "amd64", PackageName);

        var arm64Applets = ReadApplets(arm64).Applets;
        var amd64Applets = ReadApplets(amd64).Applets;

        if (SourceVersion(arm64) == SourceVersion(amd64))
        {
            Assert.Equal(amd64Applets, arm64Applets);
        }
        else
        {
            Assert.Contains("sh", arm64Applets);
            Assert.Contains("ls", arm64Applets);
            Assert.Contains("cat", arm64Applets);
            Assert.Contains("wget", arm64Applets);
        }
    }

    private static async Task<(IReadOnlyList<string> Applets, string BinaryPath)> ReadAppletsAsync(
        string suite, string architecture)
    {
        return ReadApplets(await DebianMirror.DownloadAsync(suite, architecture, PackageName));
    }

    private static (IReadOnlyList<string> Applets, string BinaryPath) ReadApplets(MirrorPackage download)
    {
        var files = DebReader.Read(download.Path).Files;
        var binary = files.Single(file => BusyboxApplets.BinaryPaths.Contains(file.Path));
        Assert.Equal(FileType.RegularFile, binary.Type);
        var content = (BytesContent)binary.Content!;
        return (BusyboxApplets.Read(content.Bytes.Span), binary.Path);
    }

    /// <summary>Returns the version in "Source: name (version)", present when it differs from Version.</summary>
    private static string SourceVersion(MirrorPackage download)
    {
        var source = download.Record["Source"] ?? "";
        var open = source.IndexOf('(');
        return open >= 0 ? source[(open + 1)..].TrimEnd(')', ' ') : download.Record.Require("Version");
    }
}
