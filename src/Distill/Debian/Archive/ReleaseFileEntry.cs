namespace Distill.Debian.Archive;

/// <summary>
/// One line of a Release file's SHA256 section: an index file's path relative to the suite's directory
/// ("main/binary-amd64/Packages.gz"), its SHA-256 digest in lowercase hex, and its size in bytes.
/// </summary>
public sealed record ReleaseFileEntry(string Path, string Sha256, long Size);
