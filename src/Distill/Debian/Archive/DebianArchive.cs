using System.IO.Compression;
using Microsoft.Extensions.Logging;
using SharpCompress.Compressors.Xz;

namespace Distill.Debian.Archive;

/// <summary>
/// A client of the Debian archive: fetches and verifies each suite's InRelease, downloads the Packages
/// index it lists for one architecture, merges the suites, and downloads verified .debs. Every file is
/// checked against a signed digest before it is used or stored in the cache.
/// </summary>
public sealed class DebianArchive : IPackageSource, IPackageIndexSource
{
    private const long MaxInReleaseBytes = 16 << 20;

    private readonly DebianArchiveOptions options;
    private readonly ILogger logger;
    private readonly ArchiveHttp http;
    private readonly BlobCache blobs;
    private readonly InReleaseStore inReleases;
    private readonly Lazy<InReleaseVerifier> verifier;
    private readonly PackageSelectionCache selections;

    public DebianArchive(DebianArchiveOptions options, HttpClient httpClient, ILogger<DebianArchive> logger)
        : this(options, httpClient, (ILogger)logger)
    {
    }

    public DebianArchive(DebianArchiveOptions options, HttpClient httpClient, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        http = new ArchiveHttp(httpClient, options, logger);
        blobs = new BlobCache(options.CacheDirectory);
        inReleases = new InReleaseStore(options.CacheDirectory, blobs);
        selections = new PackageSelectionCache(options.CacheDirectory);
        verifier = new(() => new InReleaseVerifier(OpenPgpKeyring.Load(options.KeyringPaths), options.Clock));
    }

    /// <summary>
    /// Loads the packages of a distro for one architecture ("amd64", "arm64") from CODENAME and
    /// CODENAME-updates on the mirror and CODENAME-security on the security mirror. For each package name
    /// the newest version across the three suites wins.
    /// </summary>
    public async Task<PackageIndex> LoadAsync(
        DebianDistro distro, string architecture, CancellationToken cancellationToken)
    {
        var releases = await FetchReleasesAsync(distro, cancellationToken);
        return await LoadIndexesAsync(distro, releases, architecture, isRequested: null, cancellationToken);
    }

    /// <summary>
    /// Finds the newest record of each named package, as <see cref="LoadAsync"/> would. When the suites'
    /// InRelease files are unchanged since an earlier call with the same names, the records come from the
    /// cache and no Packages index is read.
    /// </summary>
    public async Task<IReadOnlyList<PackageRecord>> FindAsync(
        DebianDistro distro, string architecture, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var releases = await FetchReleasesAsync(distro, cancellationToken);
        var key = PackageSelectionCache.Key(
            releases.Select(release => release.Digest), architecture, options.Component, names);
        if (selections.TryLoad(key) is { } cached && cached.Count == names.Count)
        {
            logger.LogDebug("Package selection {Key} is cached", key);
            return cached;
        }

        var requestedNames = names.ToHashSet(StringComparer.Ordinal);
        var index = await LoadIndexesAsync(distro, releases, architecture, requestedNames.Contains, cancellationToken);
        var missing = names.Where(name => index.Find(name) is null).ToList();
        if (missing.Count > 0)
        {
            throw new PackageNotFoundException(missing, distro.Name, architecture);
        }

        var records = names.Select(name => index.Find(name)!).ToList();
        selections.Save(key, records);
        return records;
    }

    /// <summary>
    /// Returns the path of a package's .deb in the cache, downloading it from the mirror that listed it when it
    /// is missing. The size and SHA-256 digest are checked against the Packages record.
    /// </summary>
    public async Task<string> FetchDebAsync(PackageRecord record, CancellationToken cancellationToken)
    {
        var cached = blobs.TryGet(record.Sha256, record.Size);
        if (cached is not null)
        {
            logger.LogInformation("Using cached {Package} {Version}", record.Package, record.Version);
            return cached;
        }

        var url = Combine(record.MirrorUri ?? options.Mirror, record.Filename);
        logger.LogInformation("Downloading {Package} {Version} ({Size} bytes) from {Url}",
            record.Package, record.Version, record.Size, url);
        return await DownloadVerifiedAsync(
            url, record.Sha256, record.Size, cancellationToken, $"{record.Package} {record.Version}");
    }

    /// <summary>Fetches and verifies the InRelease of every suite of a distro, all at once.</summary>
    private async Task<SuiteRelease[]> FetchReleasesAsync(DebianDistro distro, CancellationToken cancellationToken)
    {
        var suites = distro.MirrorSuites.Select(suite => (Mirror: options.Mirror, Suite: suite))
            .Append((Mirror: options.SecurityMirror, Suite: distro.SecuritySuite));
        return await Task.WhenAll(suites.Select(async pair =>
        {
            var suiteUrl = Combine(pair.Mirror, $"dists/{pair.Suite}/");
            var (release, digest) = await FetchReleaseAsync(Combine(suiteUrl, "InRelease"), cancellationToken);
            return new SuiteRelease(pair.Mirror, pair.Suite, suiteUrl, release, digest);
        }));
    }

    private async Task<PackageIndex> LoadIndexesAsync(
        DebianDistro distro, IEnumerable<SuiteRelease> releases, string architecture, Func<string, bool>? isRequested,
        CancellationToken cancellationToken)
    {
        var indexes = await Task.WhenAll(
            releases.Select(release => LoadSuiteAsync(release, architecture, isRequested, cancellationToken)));

        var merged = PackageIndex.Merge(indexes);
        logger.LogInformation(isRequested is null
                ? "Loaded {Count} packages of {Distro} for {Architecture}"
                : "Found {Count} of the requested packages in {Distro} for {Architecture}",
            merged.Count, distro, architecture);
        return merged;
    }

    private async Task<PackageIndex> LoadSuiteAsync(
        SuiteRelease suite, string architecture, Func<string, bool>? isRequested, CancellationToken cancellationToken)
    {
        var (entry, compression) = ChooseIndex(suite.Release, suite.Url, architecture);

        var path = blobs.TryGet(entry.Sha256, entry.Size);
        if (path is not null)
        {
            logger.LogInformation("Using cached index {Suite}/{Path}", suite.Suite, entry.Path);
        }
        else
        {
            var url = IndexUrl(suite.Url, suite.Release, entry);
            logger.LogInformation("Downloading index {Url} ({Size} bytes)", url, entry.Size);
            path = await DownloadVerifiedAsync(
                url, entry.Sha256, entry.Size, cancellationToken, $"{suite.Suite}/{entry.Path}");
        }

        return await Task.Run(
            () => ParseIndex(path, compression, suite.Mirror, Combine(suite.Url, entry.Path), isRequested),
            cancellationToken);
    }

    /// <summary>
    /// Fetches an InRelease with a conditional GET, verifies its signature and Valid-Until, and stores it.
    /// A 304 response reuses the stored copy, which is verified again because the keyring or clock may differ.
    /// </summary>
    private async Task<(ReleaseFile Release, string Digest)> FetchReleaseAsync(
        Uri url, CancellationToken cancellationToken)
    {
        var stored = inReleases.TryLoad(url);
        var response = await http.GetConditionalAsync(url, stored?.Validators, MaxInReleaseBytes, cancellationToken);
        byte[] content;
        if (response is null && stored is { } copy)
        {
            logger.LogInformation("InRelease {Url} is unchanged, using the cached copy", url);
            content = copy.Content;
        }
        else if (response is null)
        {
            // A 304 without a stored copy can only come from a server that ignores the request's validators.
            throw new ArchiveFormatException($"{url} returned 304 Not Modified to a request without validators: "
                + "check that --mirror points at a Debian archive");
        }
        else
        {
            logger.LogInformation("Fetched InRelease {Url}", url);
            content = response.Body;
        }

        var release = VerifyRelease(url, content);
        if (response is not null)
        {
            inReleases.Save(url, content, response.Validators);
        }

        return (release, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
    }

    private ReleaseFile VerifyRelease(Uri url, byte[] content)
    {
        var text = verifier.Value.Verify(url.ToString(), System.Text.Encoding.UTF8.GetString(content));
        ReleaseFile release;
        try
        {
            release = ReleaseFile.Parse(text);
        }
        catch (FormatException error)
        {
            throw new ArchiveFormatException($"invalid Release fields in {url}: {error.Message}", error);
        }

        release.CheckValidUntil(url.ToString(), options.Clock.GetUtcNow());
        return release;
    }

    /// <summary>
    /// Picks the Packages index of the component and architecture: Packages.gz, else Packages.xz (slower to
    /// decompress), else the uncompressed file.
    /// </summary>
    private (ReleaseFileEntry Entry, IndexCompression Compression) ChooseIndex(
        ReleaseFile release, Uri suiteUrl, string architecture)
    {
        var basePath = $"{options.Component}/binary-{architecture}/Packages";
        (string Suffix, IndexCompression Compression)[] candidates =
            [(".gz", IndexCompression.Gzip), (".xz", IndexCompression.Xz), ("", IndexCompression.None)];
        foreach (var (suffix, compression) in candidates)
        {
            if (release.Sha256.TryGetValue(basePath + suffix, out var entry))
            {
                return (entry, compression);
            }
        }

        throw new ArchiveFormatException($"{Combine(suiteUrl, "InRelease")} lists no {basePath} index: the suite "
            + $"serves the architectures {string.Join(", ", release.Architectures)}. Pick one of them, or another "
            + "mirror with --mirror");
    }

    private static Uri IndexUrl(Uri suiteUrl, ReleaseFile release, ReleaseFileEntry entry)
    {
        if (!release.AcquireByHash)
        {
            return Combine(suiteUrl, entry.Path);
        }

        var directory = entry.Path[..(entry.Path.LastIndexOf('/') + 1)];
        return Combine(suiteUrl, $"{directory}by-hash/SHA256/{entry.Sha256}");
    }

    private PackageIndex ParseIndex(
        string path, IndexCompression compression, Uri mirror, Uri url, Func<string, bool>? isRequested)
    {
        using var file = File.OpenRead(path);
        using Stream stream = compression switch
        {
            IndexCompression.Gzip => new GZipStream(file, CompressionMode.Decompress),
            IndexCompression.Xz => new XZStream(file),
            _ => file,
        };
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var index = PackageIndex.Parse(stream, mirror, isRequested);
            logger.LogDebug("Parsed {Url}: {Count} packages in {Milliseconds} ms", url, index.Count,
                started.ElapsedMilliseconds);
            return index;
        }
        catch (Exception error) when (error is FormatException or InvalidDataException or IOException)
        {
            throw new ArchiveFormatException($"cannot parse {url}: {error.Message}", error);
        }
    }

    /// <summary>Downloads to a temporary file, checks size and digest, and only then stores the file.</summary>
    private async Task<string> DownloadVerifiedAsync(
        Uri url, string sha256, long size, CancellationToken cancellationToken, string? name = null)
    {
        var temp = blobs.CreateTempPath();
        try
        {
            var (actualSha256, actualSize) = await http.DownloadAsync(
                url, temp, size, name ?? url.Segments[^1], cancellationToken);
            if (actualSize != size || actualSha256 != sha256)
            {
                var received = actualSize > size ? $"not computed, the file is larger than {size} bytes" : actualSha256;
                var file = name is null ? url.ToString() : $"{name} ({url})";
                throw new DigestMismatchException(file, sha256, size, received, actualSize);
            }

            return blobs.Commit(temp, sha256);
        }
        finally
        {
            BlobCache.TryDelete(temp);
        }
    }

    private static Uri Combine(Uri baseUri, string relative)
    {
        var text = baseUri.AbsoluteUri;
        var directory = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
        return new Uri(directory, relative);
    }

    private sealed record SuiteRelease(Uri Mirror, string Suite, Uri Url, ReleaseFile Release, string Digest);
}
