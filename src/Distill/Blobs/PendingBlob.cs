namespace Distill.Blobs;

/// <summary>
/// A blob being written to a temporary file of a <see cref="BlobStore"/>, before its digest is known.
/// </summary>
public sealed class PendingBlob : IDisposable
{
    private const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly BlobStore store;

    private readonly FileStream stream;

    private bool committed;

    internal PendingBlob(BlobStore store, string tempPath)
    {
        this.store = store;
        TempPath = tempPath;
        stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    public string TempPath { get; }

    /// <summary>The stream to write the blob's bytes to.</summary>
    public Stream Stream => stream;

    /// <summary>
    /// Flushes the blob to disk and renames it to its digest. When another writer stored the same digest
    /// first, the temporary file is deleted and the stored blob kept, since both hold the same bytes.
    /// </summary>
    public void Commit(Digest digest)
    {
        stream.Flush(flushToDisk: true);
        stream.Dispose();

        var path = store.GetPath(digest);
        if (File.Exists(path))
        {
            File.Delete(TempPath);
        }
        else
        {
            // Stored blobs are read-only because outputs may hard-link them, and a write through a link would
            // change the blob under its digest.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(TempPath, ReadOnlyMode);
            }

            File.Move(TempPath, path, overwrite: true);
        }

        committed = true;
    }

    public void Dispose()
    {
        stream.Dispose();
        if (!committed)
        {
            File.Delete(TempPath);
        }
    }
}
