namespace Distill.Content;

/// <summary>
/// Decides which files of a package go into an image. Manual pages, info pages, lintian overrides and
/// documentation other than the copyright file serve no program at run time, so they are left out; the
/// copyright files stay, because the licences travel with the binaries.
/// </summary>
public static class PackageFilter
{
    private static readonly string[] ExcludedTrees = ["usr/share/man", "usr/share/info", "usr/share/lintian"];

    public static bool Keeps(string path)
    {
        foreach (var tree in ExcludedTrees)
        {
            if (path == tree || path.StartsWith(tree + "/", StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (!path.StartsWith("usr/share/doc/", StringComparison.Ordinal))
        {
            return true;
        }

        // usr/share/doc/PACKAGE itself, and usr/share/doc/PACKAGE/copyright, stay.
        var rest = path["usr/share/doc/".Length..];
        var slash = rest.IndexOf('/');
        return slash < 0 || rest[(slash + 1)..] == "copyright";
    }
}
