namespace Distill.Blobs;

/// <summary>
/// Writes files so that readers see either the old file or the whole new one: the bytes go to a temporary
/// file in the same directory, which is flushed to disk and then renamed over the target.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> whole through a temporary file with a random name.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var tempPath = CreateTempPath(path);
        try
        {
            WriteAndFlush(tempPath, write);
            File.Move(tempPath, path, overwrite: true);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>Writes <paramref name="path"/> whole with the given bytes.</summary>
    public static void Write(string path, ReadOnlyMemory<byte> content) =>
        Write(path, stream => stream.Write(content.Span));

    /// <summary>
    /// Returns a unique temporary path beside <paramref name="path"/>, on the same file system so that the
    /// final rename is atomic.
    /// </summary>
    public static string CreateTempPath(string path) => $"{path}.{Guid.NewGuid():N}.tmp";

    /// <summary>Creates or truncates <paramref name="path"/>, writes it, and flushes it to disk.</summary>
    public static void WriteAndFlush(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    }
}
