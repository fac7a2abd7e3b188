namespace Distill.Content;

/// <summary>
/// The merged-/usr layout that Debian 12 and 13 installations have: /bin, /sbin and the /lib
/// directories are symlinks into /usr. A package may still ship files under the old paths (Debian 12's
/// libc6 ships lib/x86_64-linux-gnu/libc.so.6); they are moved to /usr so that no layer ever replaces
/// one of these symlinks with a directory.
/// </summary>
public static class UsrMerge
{
    /// <summary>The top-level directories that are symlinks into /usr on a merged-/usr system.</summary>
    public static readonly IReadOnlyList<string> Aliases = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

    /// <summary>
    /// Returns the symlinks a merged-/usr root needs for an architecture: bin, sbin and lib everywhere,
    /// and lib64 where the ELF interpreter lives there (amd64), as Debian 13's base-files ships them.
    /// </summary>
    public static IReadOnlyList<string> LinksFor(string debianArchitecture) =>
        debianArchitecture == "amd64" ? ["bin", "lib", "lib64", "sbin"] : ["bin", "lib", "sbin"];

    /// <summary>Returns whether a root-relative path is one of the alias symlinks itself.</summary>
    public static bool IsAlias(string path) => Aliases.Contains(path);

    /// <summary>
    /// Moves a path under an alias into /usr ("lib/x/libc.so.6" to "usr/lib/x/libc.so.6"); other paths
    /// are returned unchanged.
    /// </summary>
    public static string Canonicalize(string path)
    {
        var slash = path.IndexOf('/');
        var top = slash < 0 ? path : path[..slash];
        return Aliases.Contains(top) ? "usr/" + path : path;
    }

    /// <summary>
    /// Returns the entry as it belongs in a merged-/usr root, or null for an entry that must be dropped:
    /// a directory at an alias path, which would replace the symlink. A relative symlink that moves is
    /// rewritten so that it still points at the same file.
    /// </summary>
    public static FileEntry? Normalize(FileEntry entry)
    {
        if (IsAlias(entry.Path))
        {
            return entry.Type == FileType.Symlink ? entry : null;
        }

        var path = Canonicalize(entry.Path);
        if (path == entry.Path)
        {
            return entry;
        }

        return entry.Type switch
        {
            FileType.Symlink => entry with
            {
                Path = path,
                LinkTarget = MoveRelativeTarget(entry.Path, path, entry.LinkTarget!),
            },
            FileType.Hardlink => entry with { Path = path, LinkTarget = Canonicalize(entry.LinkTarget!) },
            _ => entry with { Path = path },
        };
    }

    private static string MoveRelativeTarget(string oldPath, string newPath, string target)
    {
        if (target.StartsWith('/'))
        {
            return target;
        }

        var resolved = RootPath.Combine(RootPath.Parent(oldPath), target);
        return RootPath.Relative(RootPath.Parent(newPath), Canonicalize(resolved));
    }
}
