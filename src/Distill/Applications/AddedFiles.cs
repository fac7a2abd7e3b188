using Distill.Content;
using Distill.Elf;

namespace Distill.Applications;

/// <summary>
/// Turns the host files of --add values into the entries of one layer. Modes keep setuid, setgid and
/// sticky; owners are the UID and GID of each value (0:0 unless given); every time is the image's
/// creation time, never the host's. Symbolic links inside an added directory are stored as links, and files
/// that share an inode on the host become hard links to the first of them in path order.
/// </summary>
public static class AddedFiles
{
    private const int SymlinkMode = 0b111_111_111;
    private const int DirectoryMode = 0b111_101_101;

    /// <summary>
    /// Returns the entries in path order. A destination whose parent is a symbolic link in the base (/bin in
    /// a merged-/usr image) is stored under the link's target, and parents the base lacks are added as 0755
    /// directories owned by root. A later value replaces an earlier one at the same path.
    /// </summary>
    public static IReadOnlyList<FileEntry> Collect(
        IEnumerable<AddedPath> added, IImageFileSystem baseFileSystem, DateTimeOffset time)
    {
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        var identities = new Dictionary<string, HostFileStatus>(StringComparer.Ordinal);
        foreach (var value in added)
        {
            var destination = ResolveParent(value.Destination, baseFileSystem);
            AddParents(destination, baseFileSystem, entries, time);
            AddTree(value, value.Source, destination, isTop: true, entries, identities, time);
        }

        return LinkSharedInodes(entries, identities);
    }

    /// <summary>
    /// Returns the entries of the spec's host paths, then of its directories, inline files, symbolic links
    /// and accounts, in path order. Each of these replaces an entry of a host path at the same path.
    /// </summary>
    public static IReadOnlyList<FileEntry> Collect(
        ApplicationSpec spec, IImageFileSystem baseFileSystem, DateTimeOffset time)
    {
        var entries = Collect(spec.Added, baseFileSystem, time)
            .ToDictionary(entry => entry.Path, StringComparer.Ordinal);
        foreach (var directory in spec.Directories)
        {
            var path = Place(directory.Path, baseFileSystem, entries, time);
            entries[path] = new FileEntry(path, FileType.Directory, directory.Mode, directory.Uid, directory.Gid, time);
        }

        foreach (var file in spec.InlineFiles)
        {
            var path = Place(file.Destination, baseFileSystem, entries, time);
            entries[path] = new FileEntry(path, FileType.RegularFile, file.Mode, file.Uid, file.Gid, time)
            {
                Content = new BytesContent(file.Content),
            };
        }

        foreach (var link in spec.Symlinks)
        {
            var path = Place(link.Path, baseFileSystem, entries, time);
            entries[path] = new FileEntry(path, FileType.Symlink, SymlinkMode, 0, 0, time) { LinkTarget = link.Target };
        }

        AddedAccounts.AddTo(entries, spec, baseFileSystem, time);

        return [.. entries.Values.OrderBy(entry => entry.Path, StringComparer.Ordinal)];
    }

    private static string Place(
        string destination, IImageFileSystem baseFileSystem, Dictionary<string, FileEntry> entries, DateTimeOffset time)
    {
        var path = ResolveParent(destination, baseFileSystem);
        AddParents(path, baseFileSystem, entries, time);
        return path;
    }

    private static string ResolveParent(string destination, IImageFileSystem baseFileSystem)
    {
        var parent = RootPath.Parent(destination);
        var name = destination[(destination.LastIndexOf('/') + 1)..];
        var found = parent.Length == 0 ? null : baseFileSystem.Find("/" + parent);
        return found is { IsDirectory: true } ? RootPath.Combine(found.Path.TrimStart('/'), name) : destination;
    }

    private static void AddParents(
        string destination, IImageFileSystem baseFileSystem, Dictionary<string, FileEntry> entries, DateTimeOffset time)
    {
        foreach (var ancestor in RootPath.Ancestors(destination))
        {
            if (!entries.ContainsKey(ancestor) && baseFileSystem.Find("/" + ancestor) is null)
            {
                entries[ancestor] = new FileEntry(ancestor, FileType.Directory, DirectoryMode, 0, 0, time);
            }
        }
    }

    private static void AddTree(
        AddedPath value, string hostPath, string path, bool isTop, Dictionary<string, FileEntry> entries,
        Dictionary<string, HostFileStatus> identities, DateTimeOffset time)
    {
        FileSystemInfo info = Directory.Exists(hostPath) ? new DirectoryInfo(hostPath) : new FileInfo(hostPath);
        if (!info.Exists)
        {
            throw new DistillException($"invalid --add source '{hostPath}': no such file or directory on the host");
        }

        if (isTop && info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
            AddTree(value, target, path, isTop, entries, identities, time);
            return;
        }

        var isLink = !isTop && info.LinkTarget is not null;
        var mode = isTop && value.Mode is { } given ? given : HostMode(hostPath);
        var entry = new FileEntry(path, FileType.RegularFile, mode, value.Uid, value.Gid, time);
        identities.Remove(path);
        if (isLink)
        {
            entries[path] = entry with { Type = FileType.Symlink, Mode = SymlinkMode, LinkTarget = info.LinkTarget };
        }
        else if (info is DirectoryInfo directory)
        {
            entries[path] = entry with { Type = FileType.Directory };
            foreach (var child in directory.EnumerateFileSystemInfos().OrderBy(child => child.Name, StringComparer.Ordinal))
            {
                AddTree(value, child.FullName, path + "/" + child.Name, isTop: false, entries, identities, time);
            }
        }
        else
        {
            var status = HostFileStatus.Of(hostPath);
            if (!status.IsRegularFile)
            {
                throw new DistillException($"invalid --add source '{hostPath}': only regular files, directories "
                    + "and symbolic links can be added, and this is a FIFO, socket or device");
            }

            entries[path] = entry with { Content = new HostFileContent(hostPath) };
            identities[path] = status with { IsRegularFile = true };
        }
    }

    private static int HostMode(string hostPath) =>
        OperatingSystem.IsWindows()
            ? throw new DistillException("--add needs a Linux host, which stores file modes")
            : (int)File.GetUnixFileMode(hostPath);

    private static IReadOnlyList<FileEntry> LinkSharedInodes(
        Dictionary<string, FileEntry> entries, Dictionary<string, HostFileStatus> identities)
    {
        var firstPaths = new Dictionary<HostFileStatus, string>();
        var sorted = entries.Values.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList();
        for (var index = 0; index < sorted.Count; index++)
        {
            var entry = sorted[index];
            if (!identities.TryGetValue(entry.Path, out var identity))
            {
                continue;
            }

            if (firstPaths.TryGetValue(identity, out var first))
            {
                sorted[index] = entry with { Type = FileType.Hardlink, LinkTarget = first, Content = null };
            }
            else
            {
                firstPaths[identity] = entry.Path;
            }
        }

        return sorted;
    }
}
