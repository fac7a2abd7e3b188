using Distill.Debian.Archive;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Distill.Tests.Debian;

/// <summary>
/// Loads Debian 13 from the mirrors in the host's apt sources, downloading about 15 MB. An unreachable
/// mirror fails the test rather than skipping it.
/// </summary>
public sealed class DebianArchiveMirrorTests : IDisposable
{
    private readonly string cacheDirectory = Directory.CreateTempSubdirectory("distill-mirror-").FullName;

    public void Dispose() => Directory.Delete(cacheDirectory, recursive: true);

    [Fact]
    public async Task LoadRealDebian13()
    {
        using var client = new HttpClient();
        var mirrors = AptSources.FindMirrors();
        var options = new DebianArchiveOptions
        {
            Mirror = mirrors.Mirror,
            SecurityMirror = mirrors.SecurityMirror,
            KeyringPaths = ["/usr/share/keyrings/debian-archive-keyring.gpg"],
            CacheDirectory = cacheDirectory,
        };
        var archive = new DebianArchive(options, client, NullLogger.Instance);

        var index = await archive.LoadAsync(DebianDistro.Debian13, "amd64", CancellationToken.None);
        var warm = await new DebianArchive(options, client, NullLogger.Instance)
            .LoadAsync(DebianDistro.Debian13, "amd64", CancellationToken.None);

        Assert.True(index.Count > 50_000, $"only {index.Count} packages");
        Assert.Equal(index.Count, warm.Count);
        var baseFiles = index.Find("base-files")!;
        Assert.StartsWith("13", baseFiles.Version.ToString());
        Assert.True(baseFiles.Essential);
        Assert.NotEmpty(index.FindProviders("awk"));
        var path = await archive.FetchDebAsync(baseFiles, CancellationToken.None);
        Assert.Equal(baseFiles.Size, new FileInfo(path).Length);
    }
}
