namespace Distill.Content;

/// <summary>
/// Lexical operations on root-relative paths ("usr/lib/x"), which never touch the host's filesystem.
/// "" is the root itself.
/// </summary>
public static class RootPath
{
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Returns the ancestors of a path, outermost first and without the root.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    /// <summary>
    /// Resolves a relative target against a directory, folding "." and ".." lexically; ".." at the root
    /// stays at the root, as the kernel resolves it.
    /// </summary>
    public static string Combine(string directory, string relative)
    {
        var parts = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Returns the relative path that leads from a directory to a target, both root-relative.</summary>
    public static string Relative(string fromDirectory, string target)
    {
        var from = fromDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = target.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
        {
            common++;
        }

        var steps = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common));
        var relative = string.Join('/', steps);
        return relative.Length == 0 ? "." : relative;
    }
}
