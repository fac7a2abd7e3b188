using System.Runtime.InteropServices;
using Distill.Blobs;

namespace Distill.Output;

/// <summary>
/// Places blobs from a <see cref="BlobStore"/> into an output directory: as a hard link when both are on one
/// file system, and as a copy otherwise. The blob appears under its final name only when it is complete.
/// </summary>
internal static class BlobCopier
{
    /// <summary>
    /// Places the blob at <paramref name="targetPath"/> unless a file of the blob's size is there already.
    /// Throws <see cref="BlobNotFoundException"/> when the store lacks the blob.
    /// </summary>
    public static void CopyIfMissing(BlobStore store, Descriptor blob, string targetPath)
    {
        if (File.Exists(targetPath) && new FileInfo(targetPath).Length == blob.Size)
        {
            return;
        }

        var sourcePath = store.GetExistingPath(blob.Digest);

        // NOTE: a process killed here leaves its "HEX.RANDOM.tmp" file behind. Readers ignore it, because only
        // file names that are digests are blobs, but nothing removes it later.
        var tempPath = AtomicFile.CreateTempPath(targetPath);
        try
        {
            if (!TryCreateHardLink(sourcePath, tempPath))
            {
                AtomicFile.WriteAndFlush(tempPath, target =>
                {
                    using var source = File.OpenRead(sourcePath);
                    source.CopyTo(target);
                });
            }

            File.Move(tempPath, targetPath, overwrite: true);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>
    /// Links <paramref name="linkPath"/> to <paramref name="existingPath"/>, and returns false when the file
    /// system or the platform does not allow it, such as across devices.
    /// </summary>
    private static bool TryCreateHardLink(string existingPath, string linkPath) =>
        !OperatingSystem.IsWindows() && Link(existingPath, linkPath) == 0;

    /// <summary>link(2) from the C library. .NET passes strings to it as UTF-8 on Linux and macOS.</summary>
    [DllImport("libc", EntryPoint = "link")]
    private static extern int Link(string existingPath, string linkPath);
}
