using System.Formats.Tar;
using Distill.Content;

namespace Distill.Debian.Packages;

/// <summary>
/// Converts the entries of a package's data.tar (GNU or PAX format) into <see cref="FileEntry"/> values,
/// with paths normalised by <see cref="PackagePath"/> and regular files' content held in memory.
/// </summary>
internal static class DataTarReader
{
    private const int PermissionBitsMask = 0b111_111_111_111; // 07777: rwx for all, setuid, setgid, sticky

    public static List<FileEntry> ReadEntries(Stream tar, string packageFile)
    {
        var files = new List<FileEntry>();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            var path = PackagePath.Normalize(entry.Name, packageFile);

            // The root directory ("./") is in every package, but its metadata belongs to the image.
            if (path.Length == 0)
            {
                continue;
            }

            files.Add(ToFileEntry(entry, path, packageFile));
        }

        return files;
    }

    private static FileEntry ToFileEntry(TarEntry entry, string path, string packageFile)
    {
        var type = ToFileType(entry, packageFile);
        var mode = (int)entry.Mode & PermissionBitsMask;
        var file = new FileEntry(path, type, mode, entry.Uid, entry.Gid, entry.ModificationTime);
        return type switch
        {
            FileType.RegularFile => file with { Content = new BytesContent(ReadContent(entry)) },
            FileType.Symlink => file with { LinkTarget = entry.LinkName },
            FileType.Hardlink => file with { LinkTarget = NormalizeHardLinkTarget(entry, packageFile) },
            _ => file,
        };
    }

    private static FileType ToFileType(TarEntry entry, string packageFile) => entry.EntryType switch
    {
        TarEntryType.Directory => FileType.Directory,
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile =>
            FileType.RegularFile,
        TarEntryType.SymbolicLink => FileType.Symlink,
        TarEntryType.HardLink => FileType.Hardlink,
        _ => throw new InvalidDebException(
            packageFile,
            $"data.tar entry '{entry.Name}' has the type {entry.EntryType}, which Distill does not support " +
            "(supported: directory, regular file, symbolic link, hard link)"),
    };

    private static byte[] ReadContent(TarEntry entry)
    {
        var content = new byte[entry.Length];
        entry.DataStream?.ReadExactly(content);
        return content;
    }

    private static string NormalizeHardLinkTarget(TarEntry entry, string packageFile)
    {
        var target = PackagePath.Normalize(entry.LinkName, packageFile, hardLinkPath: entry.Name);
        if (target.Length == 0)
        {
            throw new UnsafeEntryPathException(
                packageFile, entry.LinkName, $"hard link '{entry.Name}' targets the root directory");
        }

        return target;
    }
}
