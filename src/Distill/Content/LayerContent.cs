using Distill.Debian.Packages;

namespace Distill.Content;

/// <summary>
/// Turns unpacked Debian packages into the file tree of one layer, laid out as dpkg would install them
/// on a merged-/usr system, plus what their maintainer scripts would have made that the image needs.
/// Nothing from the packages is run.
/// </summary>
public static class LayerContent
{
    /// <summary>
    /// Builds a layer's tree. The root layer also gets the merged-/usr symlinks, accounts, nsswitch.conf
    /// and the home and temporary directories, so that every layer above it can rely on them.
    /// </summary>
    public static FileTree Build(
        IReadOnlyList<DebPackage> packages, bool isRootLayer, string debianArchitecture, DateTimeOffset time)
    {
        var tree = new FileTree();
        if (isRootLayer)
        {
            AddUsrMergeLinks(tree, packages, debianArchitecture, time);
            SystemFiles.AddTo(tree, time);
        }

        foreach (var package in packages)
        {
            AddPackage(tree, package, time);
        }

        return tree;
    }

    private static void AddPackage(FileTree tree, DebPackage package, DateTimeOffset time)
    {
        var name = package.Control.Require("Package");
        var files = name switch
        {
            "ca-certificates" => CaCertificatesFiles(package, time),
            "busybox-static" => BusyboxFiles(package, time),
            _ => package.Files.Where(entry => PackageFilter.Keeps(entry.Path)).Select(UsrMerge.Normalize),
        };

        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in files)
        {
            if (entry is null || (UsrMerge.IsAlias(entry.Path) && tree.Contains(entry.Path)))
            {
                continue;
            }

            tree.Add(entry);
            added.Add(entry.Path);
        }

        var md5sums = name == "busybox-static" ? BusyboxMd5sums(package, tree) : package.Md5Sums;
        DpkgStatus.AddTo(tree, package.Control, md5sums, path => added.Contains(UsrMerge.Canonicalize(path)), time);
    }

    /// <summary>
    /// Uses the aliases base-files ships (Debian 13 does), or makes Debian's set for the architecture.
    /// </summary>
    private static void AddUsrMergeLinks(
        FileTree tree, IReadOnlyList<DebPackage> packages, string debianArchitecture, DateTimeOffset time)
    {
        var shipped = packages
            .SelectMany(package => package.Files)
            .Where(entry => entry.Type == FileType.Symlink && UsrMerge.IsAlias(entry.Path))
            .ToList();
        if (shipped.Count > 0)
        {
            shipped.ForEach(tree.Set);
            return;
        }

        foreach (var alias in UsrMerge.LinksFor(debianArchitecture))
        {
            tree.Set(SystemFiles.Symlink(alias, "usr/" + alias, time));
            tree.Add(SystemFiles.Directory("usr/" + alias, 0b111_101_101, 0, time));
        }
    }

    /// <summary>
    /// Keeps what update-ca-certificates leaves an image that reads only the bundle: the bundle itself
    /// and the package's copyright file.
    /// </summary>
    private static IEnumerable<FileEntry> CaCertificatesFiles(DebPackage package, DateTimeOffset time)
    {
        foreach (var entry in package.Files)
        {
            if (entry.Path.StartsWith("usr/share/doc/", StringComparison.Ordinal) && PackageFilter.Keeps(entry.Path))
            {
                yield return entry;
            }
        }

        yield return SystemFiles.Directory("etc/ssl", 0b111_101_101, 0, time);
        yield return SystemFiles.Directory("etc/ssl/certs", 0b111_101_101, 0, time);
        yield return CaBundle.CreateEntry(package.Files, time);
    }

    /// <summary>
    /// Lists busybox where the image has it, busybox/busybox, with the package's other files that stay, so
    /// that a scanner finds the binary's owner.
    /// </summary>
    private static string BusyboxMd5sums(DebPackage package, FileTree tree)
    {
        using var binary = tree.Find("busybox/busybox")!.Content!.Open();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(binary));
        var others = (package.Md5Sums ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.EndsWith("bin/busybox", StringComparison.Ordinal))
            .Select(line => line + "\n");
        return string.Concat(others) + $"{hash}  busybox/busybox\n";
    }

    /// <summary>
    /// Places busybox in /busybox with a symlink for each of its applets, as distroless debug images
    /// have it, so that the shell and tools stay out of the directories on PATH before it.
    /// </summary>
    private static IEnumerable<FileEntry> BusyboxFiles(DebPackage package, DateTimeOffset time)
    {
        var binary = package.Files.FirstOrDefault(entry => entry.Path is "bin/busybox" or "usr/bin/busybox")
            ?? throw new DistillException(
                $"package busybox-static {package.Control["Version"]} has no bin/busybox or usr/bin/busybox");

        yield return SystemFiles.Directory("busybox", 0b111_101_101, 0, time);
        yield return binary with { Path = "busybox/busybox", Mode = 0b111_101_101, Uid = 0, Gid = 0 };

        var bytes = ((BytesContent)binary.Content!).Bytes.Span;
        foreach (var applet in BusyboxApplets.Read(bytes))
        {
            if (applet != "busybox")
            {
                yield return SystemFiles.Symlink("busybox/" + applet, "busybox", time);
            }
        }

        foreach (var entry in package.Files)
        {
            if (entry.Path.StartsWith("usr/share/doc/", StringComparison.Ordinal) && PackageFilter.Keeps(entry.Path))
            {
                yield return entry;
            }
        }
    }
}
