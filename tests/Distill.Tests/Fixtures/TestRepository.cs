namespace Distill.Tests.Fixtures;

/// <summary>
/// A Debian repository laid out in a directory, as a mirror serves it: pool/COMPONENT/... .deb files
/// and, for each suite, dists/SUITE/ with Release, InRelease, Release.gpg and the Packages indexes
/// (plain, .gz, .xz and by-hash copies) of each component and architecture. Add suites and packages,
/// call <see cref="Build"/>, then serve <see cref="RootDirectory"/> or tamper with the files.
/// </summary>
public sealed partial class TestRepository : IDisposable
{
    private readonly Dictionary<string, TestSuite> suites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolFile> poolFiles = new(StringComparer.Ordinal);
    private readonly TemporaryDirectory? ownedDirectory;

    /// <summary>
    /// Creates an empty repository in <paramref name="rootDirectory"/>, or in a new temporary directory
    /// that <see cref="Dispose"/> deletes when none is given.
    /// </summary>
    public TestRepository(string? rootDirectory = null)
    {
        if (rootDirectory is null)
        {
            ownedDirectory = new TemporaryDirectory("distill-repository");
            rootDirectory = ownedDirectory.Path;
        }

        RootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(RootDirectory);
    }

    public string RootDirectory { get; }

    /// <summary>The keys that sign InRelease and Release.gpg, each adding one signature.</summary>
    public List<TestSigningKey> SigningKeys { get; } = [TestSigningKey.Rsa3072];

    /// <summary>
    /// The keys written to the exported keyrings. Null means the signing keys; set it to other keys to
    /// sign with a key that the keyring does not contain.
    /// </summary>
    public List<TestSigningKey>? TrustedKeys { get; set; }

    /// <summary>The binary keyring (concatenated public key packets), as apt's signed-by accepts it.</summary>
    public string KeyringPath => Path.Combine(RootDirectory, "keys", "archive-keyring.gpg");

    /// <summary>The same keyring as ASCII armor.</summary>
    public string ArmoredKeyringPath => Path.Combine(RootDirectory, "keys", "archive-keyring.asc");

    public IReadOnlyCollection<TestSuite> Suites => suites.Values;

    /// <summary>The .deb files written by the last build, by path relative to the root.</summary>
    public IReadOnlyDictionary<string, PoolFile> PoolFiles => poolFiles;

    public TestSuite Suite(string name) =>
        suites.TryGetValue(name, out var suite)
            ? suite
            : throw new KeyNotFoundException($"repository has no suite '{name}'; add it with AddSuite");

    /// <summary>
    /// Adds a suite. The codename defaults to the name up to the first '-', so "trixie-updates" gives "trixie".
    /// </summary>
    public TestSuite AddSuite(string name, string? codename = null)
    {
        var suite = new TestSuite(name, codename ?? name.Split('-')[0]);
        if (!suites.TryAdd(name, suite))
        {
            throw new ArgumentException($"repository already has a suite '{name}'");
        }

        return suite;
    }

    /// <summary>
    /// Writes the whole repository, replacing the dists/, pool/ and keys/ directories of an earlier build:
    /// first every .deb, then the Packages indexes, then Release files and their signatures.
    /// </summary>
    public TestRepository Build()
    {
        foreach (var directory in new[] { "dists", "pool", "keys" })
        {
            var path = Path.Combine(RootDirectory, directory);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        poolFiles.Clear();
        foreach (var suite in suites.Values)
        {
            WritePoolFiles(suite);
        }

        foreach (var suite in suites.Values)
        {
            SuiteWriter.Write(this, suite);
        }

        WriteKeyrings();
        return this;
    }

    /// <summary>Returns the pool path of a package relative to the root, as in the Filename field.</summary>
    public static string PoolPath(TestPackage package, string component = "main")
    {
        var source = package.SourceName;
        var prefix = source.StartsWith("lib", StringComparison.Ordinal) && source.Length > 3 ? source[..4] : source[..1];
        return $"pool/{component}/{prefix}/{source}/{package.FileName}";
    }

    /// <summary>
    /// Returns the absolute path of a file given relative to the root, such as "dists/trixie/InRelease".
    /// </summary>
    public string FullPath(string relativePath) => Path.Combine(RootDirectory, relativePath);

    public string SuiteDirectory(string suite) => FullPath($"dists/{suite}");

    /// <summary>Returns the path of an uncompressed Packages index relative to the root.</summary>
    public static string PackagesPath(string suite, string architecture, string component = "main") =>
        $"dists/{suite}/{component}/binary-{architecture}/Packages";

    public void Dispose() => ownedDirectory?.Dispose();

    private void WritePoolFiles(TestSuite suite)
    {
        foreach (var (component, package) in suite.Packages)
        {
            var poolPath = PoolPath(package, component);
            var bytes = package.BuildDeb();
            if (poolFiles.TryGetValue(poolPath, out var existing))
            {
                if (!existing.Bytes.AsSpan().SequenceEqual(bytes))
                {
                    throw new InvalidOperationException(
                        $"two different packages map to {poolPath}: give them different versions");
                }

                continue;
            }

            var fullPath = FullPath(poolPath);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllBytes(fullPath, bytes);
            poolFiles[poolPath] = new PoolFile(package, poolPath, bytes, FileDigest.Of(bytes));
        }
    }

    private void WriteKeyrings()
    {
        var keys = TrustedKeys ?? SigningKeys;
        Directory.CreateDirectory(Path.GetDirectoryName(KeyringPath)!);
        File.WriteAllBytes(KeyringPath, TestSigningKey.ExportKeyring(keys));
        File.WriteAllText(ArmoredKeyringPath, TestSigningKey.ExportArmoredKeyring(keys));
    }
}

/// <summary>A .deb written to the pool: its package, its path relative to the root, bytes and digests.</summary>
public sealed record PoolFile(TestPackage Package, string RelativePath, byte[] Bytes, FileDigest Digest);
