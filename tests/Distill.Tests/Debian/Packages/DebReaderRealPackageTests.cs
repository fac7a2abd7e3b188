using System.Security.Cryptography;
using System.Text;
using Distill.Content;
using Distill.Debian.Packages;
using Distill.Tests.Support;
using Xunit;

namespace Distill.Tests.Debian.Packages;

/// <summary>Reads packages from the host's Debian archive, fetched with `apt-get download`.</summary>
public sealed class DebReaderRealPackageTests
{
    [Theory]
    [InlineData("tzdata")]
    [InlineData("base-files")]
    public void Read_RealPackage_MatchesDpkgDeb(string packageName)
    {
        using var directory = new TempDirectory();
        var deb = AptDownload.Download(packageName, directory.Path);

        var package = DebReader.Read(deb);

        Assert.Equal(packageName, package.Name);
        Assert.Equal(ProcessRunner.Run("dpkg-deb", ["--field", deb, "Version"]).Trim(), package.Version);
        Assert.Equal(ReadStoredPaths(deb, directory), package.Files.Select(file => file.Path).ToList());
        Assert.Equal(ReadConffiles(deb, directory), package.Conffiles);
    }

    [Theory]
    [InlineData("tzdata")]
    [InlineData("base-files")]
    public void Read_RealPackage_ContentMatchesMd5Sums(string packageName)
    {
        using var directory = new TempDirectory();
        var package = DebReader.Read(AptDownload.Download(packageName, directory.Path));
        var filesByPath = package.Files.ToDictionary(file => file.Path);

        Assert.NotNull(package.Md5Sums);
        var lines = package.Md5Sums.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var expectedMd5 = line[..32];
            var path = line[34..];
            var file = filesByPath[path];
            if (file.Type == FileType.Hardlink)
            {
                file = filesByPath[file.LinkTarget!];
            }

            var content = ((BytesContent)file.Content!).Bytes.Span;
            Assert.Equal(expectedMd5, Convert.ToHexStringLower(MD5.HashData(content)));
        }

        // dh_md5sums lists every regular file except conffiles, whose checksums dpkg keeps in its status file.
        var conffiles = package.Conffiles.Select(conffile => conffile.TrimStart('/')).ToHashSet();
        var checkedFileCount = package.Files.Count(
            file => file.Type is FileType.RegularFile or FileType.Hardlink && !conffiles.Contains(file.Path));
        Assert.Equal(checkedFileCount, lines.Length);
    }

    /// <summary>Lists data.tar paths as GNU tar prints them, normalised the way DebReader documents.</summary>
    private static List<string> ReadStoredPaths(string deb, TempDirectory directory)
    {
        var dataTar = directory.Combine("data.tar");
        ProcessRunner.Run("sh", ["-c", "dpkg-deb --fsys-tarfile \"$0\" > \"$1\"", deb, dataTar]);
        return ProcessRunner.Run("tar", ["-tf", dataTar])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(path => path.TrimStart('.').Trim('/'))
            .Where(path => path.Length > 0)
            .ToList();
    }

    private static List<string> ReadConffiles(string deb, TempDirectory directory)
    {
        var controlDirectory = directory.Combine("control");
        ProcessRunner.Run("dpkg-deb", ["--control", deb, controlDirectory]);
        var conffiles = Path.Combine(controlDirectory, "conffiles");
        if (!File.Exists(conffiles))
        {
            return [];
        }

        return File.ReadAllText(conffiles, Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
