using System.Text;
using Distill.Content;
using Distill.Debian;

namespace Distill.Diffing;

/// <summary>
/// A Debian package that an image's dpkg database (var/lib/dpkg/status.d) lists. <see cref="Size"/> and
/// <see cref="FileCount"/> count the regular files of its md5sums list that the image contains, so they
/// are 0 for a package without one.
/// </summary>
public sealed record InstalledPackage(string Name, string Version, string Architecture, long Size, int FileCount)
{
    private const string Md5sumsSuffix = ".md5sums";

    /// <summary>Returns the packages whose status files the merged files contain, sorted by name.</summary>
    public static IReadOnlyList<InstalledPackage> ReadAll(
        IReadOnlyDictionary<string, MergedFile> files, IReadOnlyDictionary<string, byte[]> content)
    {
        var packages = new List<InstalledPackage>();
        foreach (var file in files.Values)
        {
            if (!IsStatusFile(file.Path) || file.Path.EndsWith(Md5sumsSuffix, StringComparison.Ordinal)
                || !TryGetContent(file, content, out var status))
            {
                continue;
            }

            var control = ControlFile.Parse(Encoding.UTF8.GetString(status)).FirstOrDefault();
            if (control?["Package"] is not { } name)
            {
                continue;
            }

            var (size, count) = files.TryGetValue(file.Path + Md5sumsSuffix, out var md5sums)
                && TryGetContent(md5sums, content, out var list)
                ? MeasureFiles(Encoding.UTF8.GetString(list), files)
                : (0L, 0);
            packages.Add(new InstalledPackage(name, control["Version"] ?? "", control["Architecture"] ?? "", size,
                count));
        }

        return packages.OrderBy(package => package.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns whether a root-relative path is a file of the dpkg database, whose content is read.</summary>
    public static bool IsStatusFile(string path) =>
        path.StartsWith(DpkgStatus.Directory + "/", StringComparison.Ordinal)
        && path.IndexOf('/', DpkgStatus.Directory.Length + 1) < 0;

    private static bool TryGetContent(MergedFile file, IReadOnlyDictionary<string, byte[]> content, out byte[] bytes)
    {
        bytes = file.Type == MergedFileType.RegularFile && file.Sha256 is { } sha256
            ? content.GetValueOrDefault(sha256) ?? []
            : [];
        return bytes.Length > 0;
    }

    /// <summary>
    /// Sums the sizes of the regular files an md5sums list names ("MD5  PATH" lines). A path under a merged-/usr
    /// alias ("lib/...") is looked up under usr/ too, where Distill's layers put it.
    /// </summary>
    private static (long Size, int Count) MeasureFiles(string md5sums, IReadOnlyDictionary<string, MergedFile> files)
    {
        long size = 0;
        var count = 0;
        foreach (var line in md5sums.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(' ');
            if (separator < 0)
            {
                continue;
            }

            var path = line[separator..].Trim().TrimStart('/');
            var file = files.GetValueOrDefault(path) ?? files.GetValueOrDefault(UsrMerge.Canonicalize(path));
            if (file is { Type: MergedFileType.RegularFile })
            {
                size += file.Size;
                count++;
            }
        }

        return (size, count);
    }
}
