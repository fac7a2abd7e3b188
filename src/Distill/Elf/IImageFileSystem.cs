using Distill.Content;

namespace Distill.Elf;

/// <summary>A read-only view of an image's root filesystem, looked up by absolute path.</summary>
public interface IImageFileSystem
{
    /// <summary>
    /// Looks up an absolute path as open(2) would: follows symbolic links in every component, including
    /// the last, and folds "." and "..". Returns null when a component is missing or a component before
    /// the last is not a directory. Raises <see cref="SymlinkLoopException"/> after more than
    /// <see cref="ImageFileSystemLimits.MaxSymlinks"/> links, as the kernel returns ELOOP.
    /// </summary>
    ImageFile? Find(string absolutePath);
}

/// <summary>
/// A file found in an image. <see cref="Path"/> is absolute with every symbolic link resolved. For a hard
/// link, <see cref="Entry"/> is the regular file it links to, which carries the content.
/// </summary>
public sealed record ImageFile(string Path, FileEntry Entry)
{
    public bool IsRegularFile => Entry.Type == FileType.RegularFile;

    public bool IsDirectory => Entry.Type == FileType.Directory;
}

public static class ImageFileSystemLimits
{
    /// <summary>MAXSYMLINKS in Linux's include/linux/namei.h: the links one path lookup may follow.</summary>
    public const int MaxSymlinks = 40;
}
