namespace Distill.Debian.Packages;

/// <summary>
/// Normalises the paths stored in a data.tar ("./usr/bin/", "./usr/bin/env") to root-relative paths
/// without a leading "./" or a trailing "/" ("usr/bin", "usr/bin/env").
/// </summary>
internal static class PackagePath
{
    /// <summary>
    /// Returns the root-relative form of a stored path, or "" for the root directory itself. Empty and
    /// "." components are dropped. Raises <see cref="UnsafeEntryPathException"/> for an absolute path or a
    /// ".." component. <paramref name="hardLinkPath"/> names the hard link when the path is its target.
    /// </summary>
    public static string Normalize(string storedPath, string packageFile, string? hardLinkPath = null)
    {
        var subject = hardLinkPath is null ? "the path" : $"the target of hard link '{hardLinkPath}'";
        if (storedPath.StartsWith('/'))
        {
            throw new UnsafeEntryPathException(packageFile, storedPath, $"{subject} is absolute");
        }

        var components = storedPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (components.Contains(".."))
        {
            throw new UnsafeEntryPathException(packageFile, storedPath, $"{subject} contains '..'");
        }

        return string.Join('/', components.Where(component => component != "."));
    }
}
