using System.Security.Cryptography;
using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>Creates the generated parts of a package: its control paragraph, md5sums and full entry list.</summary>
internal static class PackageControl
{
    /// <summary>Creates the control paragraph in the field order that dpkg-gencontrol writes.</summary>
    public static ControlStanza Create(TestPackage package)
    {
        var control = new ControlStanza();
        control.Set("Package", package.Name);
        control.SetIfPresent("Source", package.Source);
        control.Set("Version", package.Version);
        control.Set("Architecture", package.Architecture);
        if (package.Essential)
        {
            control.Set("Essential", "yes");
        }

        control.Set("Maintainer", package.Maintainer);
        var installedSize = InstalledSizeKibibytes(package);
        control.Set("Installed-Size", installedSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        control.SetIfPresent("Pre-Depends", package.PreDepends);
        control.SetIfPresent("Depends", package.Depends);
        control.SetIfPresent("Provides", package.Provides);
        control.Set("Section", package.Section);
        control.Set("Priority", package.Priority);
        control.SetIfPresent("Multi-Arch", package.MultiArch);
        foreach (var (name, value) in package.ExtraFields)
        {
            control.Set(name, value);
        }

        control.Set("Description", FormatDescription(package.Description ?? $"test package {package.Name}"));
        return control;
    }

    /// <summary>
    /// Returns every data.tar member in archive order: missing parent directories are added with mode
    /// 0755, paths sort ordinally so that each directory precedes its contents, and hard links come
    /// last so that their targets are already in the archive.
    /// </summary>
    public static IReadOnlyList<TestPackageEntry> ArchiveEntries(TestPackage package)
    {
        var byPath = new Dictionary<string, TestPackageEntry>(StringComparer.Ordinal);
        foreach (var entry in package.Entries)
        {
            if (!byPath.TryAdd(entry.Path, entry))
            {
                throw new InvalidOperationException($"package {package} contains '{entry.Path}' twice");
            }
        }

        foreach (var entry in package.Entries)
        {
            AddParentDirectories(byPath, entry.Path);
        }

        return byPath.Values
            .OrderBy(entry => entry.Kind == TestEntryKind.HardLink)
            .ThenBy(entry => entry.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Creates the md5sums control member: one "HEX  PATH" line for each regular file and hard link.</summary>
    public static byte[] CreateMd5Sums(TestPackage package)
    {
        var contentByPath = package.Entries
            .Where(entry => entry.Kind == TestEntryKind.RegularFile)
            .ToDictionary(entry => entry.Path, entry => entry.Content, StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var entry in ArchiveEntries(package))
        {
            var content = entry.Kind switch
            {
                TestEntryKind.RegularFile => entry.Content,
                TestEntryKind.HardLink => contentByPath[entry.LinkTarget!],
                _ => null,
            };
            if (content is not null)
            {
                text.Append(Convert.ToHexStringLower(MD5.HashData(content))).Append("  ").Append(entry.Path).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Estimates Installed-Size as dpkg-gencontrol does: 1 KiB per inode plus file sizes rounded up.</summary>
    private static long InstalledSizeKibibytes(TestPackage package) =>
        package.Entries.Sum(entry => Math.Max(1, (entry.Content.LongLength + 1023) / 1024));

    private static void AddParentDirectories(Dictionary<string, TestPackageEntry> byPath, string path)
    {
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path[..slash];
            byPath.TryAdd(parent, new(parent, TestEntryKind.Directory, TestPackageEntry.DirectoryMode, []));
        }
    }

    /// <summary>Formats a description: the synopsis, then each long line indented, with " ." for blank lines.</summary>
    private static string FormatDescription(string description)
    {
        var lines = description.Split('\n');
        var text = new StringBuilder(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            text.Append("\n ").Append(line.Length == 0 ? "." : line);
        }

        return text.ToString();
    }
}
