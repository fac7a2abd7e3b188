namespace Distill.Tests.Fixtures;

/// <summary>The kinds of data.tar members that a <see cref="TestPackage"/> can contain.</summary>
public enum TestEntryKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    HardLink,
}

/// <summary>
/// One member of a package's data.tar. <see cref="Path"/> is relative to the root without a leading
/// "./" or "/", as in "usr/lib/os-release". <see cref="LinkTarget"/> is the symlink target as written,
/// or for a hard link the path of the member it links to, in the same relative form.
/// </summary>
public sealed record TestPackageEntry(
    string Path,
    TestEntryKind Kind,
    UnixFileMode Mode,
    byte[] Content,
    string? LinkTarget = null,
    int UserId = 0,
    int GroupId = 0,
    string UserName = "root",
    string GroupName = "root")
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;
    public const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode SymbolicLinkMode = (UnixFileMode)0b111_111_111;

    /// <summary>Returns the path without trailing separators, checked to be relative and free of "..".</summary>
    public static string NormalizePath(string path)
    {
        var trimmed = (path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path).Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"invalid package path '{path}': expected a relative path such as 'usr/bin/x'");
        }

        return trimmed;
    }
}
