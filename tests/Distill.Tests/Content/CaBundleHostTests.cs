using System.Text;
using Distill.Content;
using Distill.Debian.Packages;
using Distill.Tests.Support;
using Xunit;

namespace Distill.Tests.Content;

/// <summary>
/// Compares <see cref="CaBundle"/> with the bundle that the host's update-ca-certificates wrote from
/// the installed ca-certificates package.
/// </summary>
public sealed class CaBundleHostTests
{
    private const string HostBundle = "/etc/ssl/certs/ca-certificates.crt";
    private const string HostConfig = "/etc/ca-certificates.conf";
    private const string LocalCertificates = "/usr/local/share/ca-certificates";

    [Fact]
    public void Build_InstalledVersion_MatchesHostBundle()
    {
        var installedVersion = ReadInstalledVersion();
        AssertDefaultConfig();
        using var directory = new TempDirectory();
        var package = DebReader.Read(AptDownload.Download($"ca-certificates={installedVersion}", directory.Path));
        Assert.Equal(installedVersion, package.Version);

        var bundle = CaBundle.Build(package.Files);

        var hostBundle = System.IO.File.ReadAllBytes(HostBundle);
        var prefixLength = Math.Min(bundle.Length, hostBundle.Length);
        var firstDifference = bundle.AsSpan(0, prefixLength).CommonPrefixLength(hostBundle.AsSpan(0, prefixLength));
        Assert.True(
            firstDifference == bundle.Length,
            $"the bundle differs from {HostBundle} at byte {firstDifference} of {bundle.Length}");

        // update-ca-certificates appends the certificates under /usr/local/share/ca-certificates after the
        // package's. They are not part of the package, so only their number is checked.
        var localCertificateCount = CountLocalCertificates();
        var hostRemainder = Encoding.ASCII.GetString(hostBundle.AsSpan(bundle.Length));
        var remainderCertificateCount = hostRemainder.Split("-----BEGIN CERTIFICATE-----").Length - 1;
        Assert.Equal(localCertificateCount, remainderCertificateCount);
        if (localCertificateCount == 0)
        {
            Assert.Equal(hostBundle.Length, bundle.Length);
        }
    }

    private static string ReadInstalledVersion()
    {
        var result = ProcessRunner.TryRun("dpkg-query", ["--show", "--showformat=${Version}", "ca-certificates"]);
        Assert.True(
            result.ExitCode == 0 && result.StandardOutput.Length > 0,
            "ca-certificates is not installed on the host, so there is no bundle to compare with; " +
            $"install it with 'apt-get install ca-certificates'. dpkg-query: {result.StandardError}");
        return result.StandardOutput;
    }

    private static void AssertDefaultConfig()
    {
        var deselected = System.IO.File.ReadLines(HostConfig).Where(line => line.StartsWith('!')).ToList();
        Assert.True(
            deselected.Count == 0,
            $"{HostConfig} deselects {deselected.Count} certificates (first: '{deselected.FirstOrDefault()}'), " +
            "so the host bundle is not the default one; run 'dpkg-reconfigure ca-certificates' and select all");
    }

    private static int CountLocalCertificates()
    {
        if (!Directory.Exists(LocalCertificates))
        {
            return 0;
        }

        return Directory.EnumerateFiles(LocalCertificates, "*.crt", SearchOption.AllDirectories).Count();
    }
}
