using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Blobs;

namespace Distill.Locking;

/// <summary>
/// A lock file: the image it was made for and, per architecture, every package record that a build of that
/// image takes. Stored as indented JSON with architectures and packages sorted by name, so that the same
/// resolution always gives the same bytes and a version change is a one-line diff.
/// </summary>
public sealed record LockFile(
    int LockVersion,
    string Distro,
    string Image,
    bool Nonroot,
    bool Debug,
    string? Mirror,
    string? SecurityMirror,
    IReadOnlyList<LockedArchitecture> Architectures)
{
    /// <summary>The format that this version of Distill reads and writes.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",

        // The default encoder escapes "+" in versions as \u002B; the file is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Returns the packages locked for an architecture, or null when the file has none for it.</summary>
    public LockedArchitecture? Find(string architecture) =>
        Architectures.FirstOrDefault(locked => locked.Architecture == architecture);

    /// <summary>Returns a copy with architectures and packages in ordinal order of their names.</summary>
    public LockFile Sorted() => this with
    {
        Architectures = [.. Architectures
            .OrderBy(locked => locked.Architecture, StringComparer.Ordinal)
            .Select(locked => locked with
            {
                Packages = [.. locked.Packages.OrderBy(package => package.Package, StringComparer.Ordinal)],
            })],
    };

    public string ToJson() => JsonSerializer.Serialize(Sorted(), JsonOptions) + "\n";

    /// <summary>Writes the file whole through a temporary file, so that readers never see half of it.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(ToJson()));
    }

    /// <summary>Parses a lock file, rejecting another format version and missing fields.</summary>
    public static LockFile Parse(string json, string path)
    {
        LockFile? lockFile;
        try
        {
            lockFile = JsonSerializer.Deserialize<LockFile>(json, JsonOptions);
        }
        catch (JsonException error)
        {
            throw new InvalidLockFileException(path, error.Message, error);
        }

        if (lockFile is null)
        {
            throw new InvalidLockFileException(path, "the file contains null");
        }

        lockFile.Validate(path);
        return lockFile;
    }

    public static LockFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DistillException(
                $"lock file {path} not found: create it with 'distill lock IMAGE --output {path}'");
        }

        return Parse(File.ReadAllText(path), path);
    }

    private void Validate(string path)
    {
        if (LockVersion != CurrentVersion)
        {
            throw new InvalidLockFileException(path,
                $"lockVersion is {LockVersion}, but this version of Distill reads version {CurrentVersion}");
        }

        if (string.IsNullOrEmpty(Distro) || string.IsNullOrEmpty(Image) || Architectures is null)
        {
            throw new InvalidLockFileException(path, "distro, image and architectures are required");
        }

        foreach (var locked in Architectures)
        {
            if (string.IsNullOrEmpty(locked?.Architecture) || locked.Packages is null)
            {
                throw new InvalidLockFileException(path, "every architecture needs an architecture and packages");
            }

            foreach (var package in locked.Packages)
            {
                package.Validate(path);
            }
        }
    }
}

/// <summary>The packages locked for one Debian architecture.</summary>
public sealed record LockedArchitecture(string Architecture, IReadOnlyList<LockedPackage> Packages);

/// <summary>
/// One package record as resolved from the archive: its .deb is <see cref="Filename"/> under
/// <see cref="Mirror"/>, the base URL of the archive whose Packages index listed it.
/// </summary>
public sealed record LockedPackage(
    string Package,
    string Version,
    string Architecture,
    string Filename,
    long Size,
    string Sha256,
    string Mirror,
    string? Source = null)
{
    internal void Validate(string path)
    {
        string?[] required = [Package, Version, Architecture, Filename, Sha256, Mirror];
        if (required.Any(string.IsNullOrEmpty))
        {
            throw new InvalidLockFileException(path, $"the entry of package '{Package}' lacks a required field: "
                + "package, version, architecture, filename, size, sha256 and mirror are required");
        }

        if (Sha256.Length != 64 || !Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidLockFileException(path,
                $"package {Package} has an invalid sha256 '{Sha256}': expected 64 lowercase hex digits");
        }

        if (!Uri.TryCreate(Mirror, UriKind.Absolute, out _))
        {
            throw new InvalidLockFileException(path, $"package {Package} has an invalid mirror URL '{Mirror}'");
        }
    }
}
