namespace Distill.Tests.EndToEnd;

/// <summary>
/// Adds a real library with several dependencies to cc from the mirror of the host's apt sources.
/// </summary>
public sealed class PackageAdditionLiveTests
{
    [Fact]
    public async Task Build_CcWithLibcurl_AddsDependencies()
    {
        var layout = Directory.CreateTempSubdirectory("distill-package-live-");
        try
        {
            var result = await DistillProcess.RunSuccessfullyAsync(
            [
                "build", "cc", "--distro", "debian13", "--arch", "amd64", "--package", "libcurl4t64",
                "--output", $"oci:{layout.FullName}:curl",
            ]);

            Assert.Contains("adding libcurl4t64 ", result.StandardError);
            Assert.Contains("(needed by libcurl4t64 for Depends: libnghttp2-14", result.StandardError);
            Assert.DoesNotContain("adding libc6 ", result.StandardError);
            Assert.DoesNotContain("adding libssl3t64 ", result.StandardError);
        }
        finally
        {
            layout.Delete(recursive: true);
        }
    }
}
