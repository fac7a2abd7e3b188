namespace Distill.Debian.Packages;

/// <summary>
/// A data.tar entry whose path, or hard link target, is absolute or contains "..", so extracting it
/// could write outside the image's root filesystem.
/// </summary>
public sealed class UnsafeEntryPathException : DistillException
{
    public UnsafeEntryPathException(string packageFile, string entryPath, string problem)
        : base(
            $"Debian package '{packageFile}' contains the unsafe path '{entryPath}': {problem}. " +
            "Distill only accepts paths inside the root filesystem; use a package built by dpkg-deb.")
    {
        PackageFile = packageFile;
        EntryPath = entryPath;
    }

    public string PackageFile { get; }

    public string EntryPath { get; }
}
