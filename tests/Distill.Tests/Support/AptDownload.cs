using Xunit.Sdk;

namespace Distill.Tests.Support;

/// <summary>Downloads a package with the host's `apt-get download`, using its configured sources.</summary>
internal static class AptDownload
{
    /// <summary>
    /// Downloads "name" or "name=version" into <paramref name="directory"/> and returns the .deb's path.
    /// Fails the test, without skipping it, when apt cannot find the package.
    /// </summary>
    public static string Download(string packageSpec, string directory)
    {
        var result = ProcessRunner.TryRun("apt-get", ["download", packageSpec], directory);
        if (result.ExitCode != 0)
        {
            throw new XunitException(
                $"'apt-get download {packageSpec}' failed with exit code {result.ExitCode}. If the package is " +
                $"not found, the apt lists may be missing: run 'apt-get update' first.\n{result.StandardError}");
        }

        var packageName = packageSpec.Split('=')[0];
        var debs = Directory.GetFiles(directory, packageName + "_*.deb");
        if (debs.Length != 1)
        {
            throw new XunitException(
                $"'apt-get download {packageSpec}' left {debs.Length} matching .deb files in {directory}, expected 1");
        }

        return debs[0];
    }
}
