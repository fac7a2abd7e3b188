using System.Globalization;
using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// Writes dists/SUITE/ of a <see cref="TestRepository"/>: Packages indexes, Release, InRelease and Release.gpg.
/// </summary>
internal static class SuiteWriter
{
    private static readonly CompressionFormat[] IndexCompressions =
        [CompressionFormat.None, CompressionFormat.Gzip, CompressionFormat.Xz];

    public static void Write(TestRepository repository, TestSuite suite)
    {
        var indexFiles = new SortedDictionary<string, FileDigest>(StringComparer.Ordinal);
        foreach (var component in suite.Components)
        {
            foreach (var architecture in suite.Architectures)
            {
                var directory = $"{component}/binary-{architecture}";
                var packages = CreatePackagesIndex(repository, suite, component, architecture);
                foreach (var (path, digest) in WriteIndex(repository, suite, $"{directory}/Packages", packages))
                {
                    indexFiles[path] = digest;
                }

                var componentRelease = Encoding.UTF8.GetBytes(CreateComponentRelease(suite, component, architecture));
                File.WriteAllBytes(repository.FullPath($"dists/{suite.Name}/{directory}/Release"), componentRelease);
                indexFiles[$"{directory}/Release"] = FileDigest.Of(componentRelease);
            }
        }

        var release = CreateRelease(suite, indexFiles);
        WriteRelease(repository, suite.Name, release, repository.SigningKeys);
    }

    /// <summary>Writes Release, then InRelease and Release.gpg signed by <paramref name="keys"/>.</summary>
    public static void WriteRelease(
        TestRepository repository, string suite, string release, IEnumerable<TestSigningKey> keys)
    {
        var releaseBytes = Encoding.UTF8.GetBytes(release);
        var signingKeys = keys.ToList();
        File.WriteAllBytes(repository.FullPath($"dists/{suite}/Release"), releaseBytes);
        var inRelease = OpenPgpSigner.ClearSign(release, signingKeys);
        var detached = OpenPgpSigner.SignDetached(releaseBytes, signingKeys);
        File.WriteAllText(repository.FullPath($"dists/{suite}/InRelease"), inRelease);
        File.WriteAllText(repository.FullPath($"dists/{suite}/Release.gpg"), detached);
    }

    /// <summary>
    /// Writes an index as plain, .gz and .xz files, plus a by-hash/SHA256/HEX copy of each when the suite
    /// sets Acquire-By-Hash. <paramref name="path"/> is relative to dists/SUITE/. Returns the digest of each
    /// variant by its path relative to dists/SUITE/, as the Release file lists them.
    /// </summary>
    public static IEnumerable<(string Path, FileDigest Digest)> WriteIndex(
        TestRepository repository, TestSuite suite, string path, byte[] content)
    {
        var suiteDirectory = repository.SuiteDirectory(suite.Name);
        var directory = Path.GetDirectoryName(Path.Combine(suiteDirectory, path))!;
        Directory.CreateDirectory(directory);
        var written = new List<(string, FileDigest)>();
        foreach (var compression in IndexCompressions)
        {
            var bytes = Compression.Compress(content, compression);
            var variant = path + Compression.FileSuffix(compression);
            var digest = FileDigest.Of(bytes);
            File.WriteAllBytes(Path.Combine(suiteDirectory, variant), bytes);
            if (suite.AcquireByHash)
            {
                var byHash = Path.Combine(directory, "by-hash", "SHA256");
                Directory.CreateDirectory(byHash);
                File.WriteAllBytes(Path.Combine(byHash, digest.Sha256), bytes);
            }

            written.Add((variant, digest));
        }

        return written;
    }

    /// <summary>
    /// Creates a Packages index: each package's control fields, then Filename, Size, MD5sum and SHA256.
    /// </summary>
    private static byte[] CreatePackagesIndex(
        TestRepository repository, TestSuite suite, string component, string architecture)
    {
        var stanzas = suite.PackagesFor(component, architecture)
            .OrderBy(package => package.Name, StringComparer.Ordinal)
            .ThenBy(package => package.Version, StringComparer.Ordinal)
            .Select(package =>
            {
                var poolFile = repository.PoolFiles[TestRepository.PoolPath(package, component)];
                return PackageControl.Create(package)
                    .Set("Filename", poolFile.RelativePath)
                    .Set("Size", poolFile.Digest.Size.ToString(CultureInfo.InvariantCulture))
                    .Set("MD5sum", poolFile.Digest.Md5)
                    .Set("SHA256", poolFile.Digest.Sha256)
                    .ToString();
            });
        return Encoding.UTF8.GetBytes(string.Join("\n", stanzas));
    }

    private static string CreateComponentRelease(TestSuite suite, string component, string architecture) =>
        new ControlStanza()
            .Set("Archive", suite.Name)
            .Set("Origin", suite.Origin)
            .Set("Label", suite.Label)
            .SetIfPresent("Version", suite.Version)
            .Set("Acquire-By-Hash", suite.AcquireByHash ? "yes" : "no")
            .Set("Component", component)
            .Set("Architecture", architecture)
            .ToString();

    /// <summary>
    /// Creates the Release file. Sizes are right-aligned in 16 columns, as Debian's archive writes them.
    /// </summary>
    private static string CreateRelease(TestSuite suite, IReadOnlyDictionary<string, FileDigest> indexFiles)
    {
        var date = suite.Date ?? DateTimeOffset.UtcNow.AddHours(-1);
        var release = new ControlStanza()
            .Set("Origin", suite.Origin)
            .Set("Label", suite.Label)
            .Set("Suite", suite.Name)
            .SetIfPresent("Version", suite.Version)
            .Set("Codename", suite.Codename)
            .Set("Date", FormatDate(date))
            .SetIfPresent("Valid-Until", suite.ValidUntil is { } validUntil ? FormatDate(validUntil) : null)
            .SetIfPresent("Acquire-By-Hash", suite.AcquireByHash ? "yes" : null)
            .Set("Architectures", string.Join(' ', suite.Architectures))
            .Set("Components", string.Join(' ', suite.Components))
            .Set("Description", suite.Description ?? $"Distill test suite {suite.Name}");
        release.Set("MD5Sum", HashList(indexFiles, digest => digest.Md5));
        release.Set("SHA256", HashList(indexFiles, digest => digest.Sha256));
        return release.ToString();
    }

    private static string HashList(IReadOnlyDictionary<string, FileDigest> files, Func<FileDigest, string> hash) =>
        string.Concat(files.Select(file =>
            string.Create(CultureInfo.InvariantCulture, $"\n {hash(file.Value)} {file.Value.Size,16} {file.Key}")));

    /// <summary>
    /// Formats a time as Release files do, in RFC 2822 form with "UTC", such as "Sat, 10 May 2025 08:49:07 UTC".
    /// </summary>
    public static string FormatDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
