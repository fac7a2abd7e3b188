using System.Security.Cryptography;

namespace Distill.Debian.Archive;

/// <summary>
/// A content-addressed store of verified files at DIRECTORY/blobs/sha256/HEX. A file is written under a
/// temporary name in the same directory and renamed into place only after its digest matched, so a killed
/// process or two concurrent builds leave no partial or unverified file under a digest's name.
/// </summary>
internal sealed class BlobCache
{
    private const string TempPrefix = ".tmp-";
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromHours(1);

    public BlobCache(string directory)
    {
        BlobDirectory = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(BlobDirectory);
        DeleteAbandonedTempFiles();
    }

    public string BlobDirectory { get; }

    public string PathFor(string sha256) => Path.Combine(BlobDirectory, sha256);

    /// <summary>
    /// Returns the path of a stored blob if it exists with the expected size and digest. A blob that differs,
    /// because the disk or a person changed it after it was verified, is deleted so that it is downloaded
    /// again. Hashing costs a few milliseconds per megabyte, and cached blobs are read only when a layer or
    /// a package selection is not cached itself.
    /// </summary>
    public string? TryGet(string sha256, long size)
    {
        var path = PathFor(sha256);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.Length == size && HashOf(path) == sha256)
        {
            return path;
        }

        TryDelete(path);
        return null;
    }

    private static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>Creates a temporary file in the blob directory, for a download to be verified and committed.</summary>
    public string CreateTempPath() => Path.Combine(BlobDirectory, TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>Renames a verified temporary file to its digest's name, replacing any file there.</summary>
    public string Commit(string tempPath, string sha256)
    {
        var path = PathFor(sha256);
        File.Move(tempPath, path, overwrite: true);
        return path;
    }

    /// <summary>Stores bytes that the caller has already verified, such as a signature-checked InRelease.</summary>
    public string Store(byte[] bytes)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = TryGet(sha256, bytes.Length);
        if (existing is not null)
        {
            return existing;
        }

        var temp = CreateTempPath();
        File.WriteAllBytes(temp, bytes);
        return Commit(temp, sha256);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another build may be replacing the same file. The next reader checks the size again.
        }
    }

    /// <summary>
    /// Deletes temporary files left by killed processes. A download in progress writes to its file at least
    /// once per <see cref="DebianArchiveOptions.RequestTimeout"/>, so with timeouts under an hour a file
    /// untouched for an hour is abandoned.
    /// </summary>
    private void DeleteAbandonedTempFiles()
    {
        foreach (var path in Directory.EnumerateFiles(BlobDirectory, TempPrefix + "*"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > AbandonedTempAge)
            {
                TryDelete(path);
            }
        }
    }
}
