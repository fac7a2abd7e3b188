namespace Distill.Debian.Archive;

/// <summary>
/// Finds the host's Debian mirrors in apt's configuration: deb822 files in /etc/apt/sources.list.d/*.sources
/// and one-line-style /etc/apt/sources.list and /etc/apt/sources.list.d/*.list, read in the order apt reads
/// them. Only "deb" entries count; disabled entries, comments and other file names are ignored.
/// </summary>
public static class AptSources
{
    /// <summary>
    /// Returns the first URI serving a Debian suite other than a security suite, and the URI serving a
    /// *-security suite. Without a security entry, the security mirror is the mirror with a final "debian"
    /// path segment replaced by "debian-security".
    /// </summary>
    /// <param name="rootDirectory">The file system root holding etc/apt, "/" on a live system.</param>
    public static DebianMirrors FindMirrors(string rootDirectory = "/")
    {
        var entries = ReadEntries(rootDirectory).ToList();
        var mirror = entries.FirstOrDefault(entry => DebianSuites.IsRegular(entry.Suite))?.Uri;
        if (mirror is null)
        {
            throw new MirrorNotConfiguredException(
                $"no Debian mirror found in {Path.Combine(rootDirectory, "etc/apt")}: no 'deb' entry serves a "
                + "Debian suite such as bookworm or trixie. Pass the mirror with --mirror");
        }

        var security = entries.FirstOrDefault(entry => DebianSuites.IsSecurity(entry.Suite))?.Uri
            ?? DeriveSecurityMirror(mirror);
        return new DebianMirrors(mirror, security);
    }

    /// <summary>Returns every enabled "deb" URI and suite pair, in the order apt reads its files.</summary>
    public static IEnumerable<AptSourceEntry> ReadEntries(string rootDirectory = "/")
    {
        var aptDirectory = Path.Combine(rootDirectory, "etc", "apt");
        var mainList = Path.Combine(aptDirectory, "sources.list");
        if (File.Exists(mainList))
        {
            foreach (var entry in OneLineSources.Parse(File.ReadAllText(mainList)))
            {
                yield return entry;
            }
        }

        var partsDirectory = Path.Combine(aptDirectory, "sources.list.d");
        if (!Directory.Exists(partsDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.GetFiles(partsDirectory).Order(StringComparer.Ordinal))
        {
            var entries = Path.GetExtension(path) switch
            {
                ".list" => OneLineSources.Parse(File.ReadAllText(path)),
                ".sources" => Deb822Sources.Parse(File.ReadAllText(path)),
                _ => [],
            };
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }
    }

    public static Uri DeriveSecurityMirror(Uri mirror)
    {
        var path = mirror.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/debian", StringComparison.Ordinal))
        {
            throw new MirrorNotConfiguredException(
                $"no security mirror found in apt's sources, and the mirror {mirror} does not end in '/debian', so "
                + "none can be derived from it. Pass the security mirror with --security-mirror");
        }

        var builder = new UriBuilder(mirror) { Path = path + "-security" };
        return builder.Uri;
    }
}
