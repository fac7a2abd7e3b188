using System.IO.Compression;
using System.Security.Cryptography;
using Distill.Debian;
using Xunit.Sdk;

namespace Distill.Tests.Support;

/// <summary>
/// Downloads packages of any suite and architecture from the Debian mirror that the host's apt uses,
/// verifying each .deb against the SHA256 of its Packages record. Files are cached under the system
/// temp directory: a .deb while its checksum matches, a Packages index for <see cref="IndexMaxAge"/>.
/// </summary>
internal static class DebianMirror
{
    private const string SourcesFile = "/etc/apt/sources.list.d/debian.sources";
    private static readonly TimeSpan IndexMaxAge = TimeSpan.FromHours(6);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private static readonly SemaphoreSlim DownloadLock = new(1, 1);
    private static readonly string CacheDirectory =
        Path.Combine(Path.GetTempPath(), "distill-tests", "debian-mirror");

    /// <summary>
    /// Downloads a package from the main component of <paramref name="suite"/> and returns the .deb's
    /// path with its Packages record.
    /// </summary>
    public static async Task<MirrorPackage> DownloadAsync(string suite, string architecture, string packageName)
    {
        await DownloadLock.WaitAsync();
        try
        {
            var archive = ReadArchiveUri();
            var record = await FindRecordAsync(archive, suite, architecture, packageName);
            var path = await DownloadDebAsync(archive, record);
            return new MirrorPackage(path, record);
        }
        finally
        {
            DownloadLock.Release();
        }
    }

    /// <summary>Reads the first URI of the paragraph in the host's deb822 sources that lists a release suite.</summary>
    private static Uri ReadArchiveUri()
    {
        if (!File.Exists(SourcesFile))
        {
            throw new XunitException($"{SourcesFile} is missing, so the Debian mirror is unknown");
        }

        var sources = ControlFile.Parse(File.ReadAllText(SourcesFile));
        var release = sources.FirstOrDefault(
            source => (source["Suites"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Any(suite => !suite.Contains('-')));
        var uri = release?["URIs"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new XunitException($"{SourcesFile} has no URIs field for a release suite such as bookworm");
        return new Uri(uri.TrimEnd('/') + "/");
    }

    private static async Task<ControlParagraph> FindRecordAsync(
        Uri archive, string suite, string architecture, string packageName)
    {
        var index = await DownloadIndexAsync(archive, $"dists/{suite}/main/binary-{architecture}/Packages.gz");
        using var file = File.OpenRead(index);
        using var packages = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        return ControlFile.Parse(packages).FirstOrDefault(record => record["Package"] == packageName)
            ?? throw new XunitException($"package {packageName} not found in {suite}/main/binary-{architecture}");
    }

    private static async Task<string> DownloadIndexAsync(Uri archive, string relativeUri)
    {
        var path = Path.Combine(CacheDirectory, relativeUri.Replace('/', '_'));
        var isFresh = File.Exists(path) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < IndexMaxAge;
        if (!isFresh)
        {
            await DownloadFileAsync(new Uri(archive, relativeUri), path);
        }

        return path;
    }

    private static async Task<string> DownloadDebAsync(Uri archive, ControlParagraph record)
    {
        var filename = record.Require("Filename");
        var expectedSha256 = record.Require("SHA256");
        var path = Path.Combine(CacheDirectory, Path.GetFileName(filename));
        if (File.Exists(path) && ComputeSha256(path) == expectedSha256)
        {
            return path;
        }

        await DownloadFileAsync(new Uri(archive, filename), path);
        var actualSha256 = ComputeSha256(path);
        if (actualSha256 != expectedSha256)
        {
            File.Delete(path);
            throw new XunitException(
                $"{filename} has SHA256 {actualSha256}, but its Packages record lists {expectedSha256}");
        }

        return path;
    }

    /// <summary>Downloads to a temporary name and renames, so an interrupted download leaves no cache entry.</summary>
    private static async Task DownloadFileAsync(Uri uri, string path)
    {
        Directory.CreateDirectory(CacheDirectory);
        var partialPath = path + ".partial";
        using (var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new XunitException($"GET {uri} failed with HTTP status {(int)response.StatusCode}");
            }

            await using var file = File.Create(partialPath);
            await response.Content.CopyToAsync(file);
        }

        File.Move(partialPath, path, overwrite: true);
    }

    private static string ComputeSha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}

/// <summary>A downloaded .deb and the Packages record it was verified against.</summary>
internal sealed record MirrorPackage(string Path, ControlParagraph Record);
