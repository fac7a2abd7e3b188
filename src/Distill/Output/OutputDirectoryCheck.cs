namespace Distill.Output;

/// <summary>
/// The check, before a build starts, that an output's directory can be created and written. It leaves nothing
/// behind, and a bad path fails at once rather than after every package is downloaded.
/// </summary>
internal static class OutputDirectoryCheck
{
    /// <summary>
    /// Finds the nearest existing directory on the way to the output's directory, and creates and deletes a
    /// probe directory in it. Throws <see cref="OutputNotWritableException"/> when a part of the path is a
    /// regular file or the probe fails.
    /// </summary>
    public static void CheckWritable(OutputReference target)
    {
        if (target is DockerArchiveReference archiveFile)
        {
            CheckArchivePath(target, archiveFile.File);
        }

        if (target is OciLayoutReference layout && Directory.Exists(layout.Directory))
        {
            OciLayout.ValidateExisting(layout.Directory);
        }

        var directory = target switch
        {
            OciLayoutReference oci => Path.GetFullPath(oci.Directory),
            DockerArchiveReference archive => Path.GetDirectoryName(Path.GetFullPath(archive.File)),
            _ => null,
        };
        if (directory is null)
        {
            return;
        }

        var existing = directory;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new OutputNotWritableException(target, $"{existing} is a file, not a directory");
            }

            existing = Path.GetDirectoryName(existing)!;
        }

        var probe = Path.Combine(existing, $".distill-write-check-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputNotWritableException(target, $"the directory {existing} is not writable");
        }
    }

    /// <summary>
    /// Rejects a docker archive path that exists and is not a regular file (a directory, a device such as
    /// /dev/null, a FIFO), because the archive is written beside it and renamed over it.
    /// </summary>
    private static void CheckArchivePath(OutputReference target, string file)
    {
        var kind = UnixFileType.Of(file);
        if (kind is UnixFileKind.Directory or UnixFileKind.Other)
        {
            var description = kind == UnixFileKind.Directory ? "a directory" : "a device, FIFO or socket";
            throw new OutputNotWritableException(
                target, $"{file} is {description}, not a regular file: name a new or existing regular file");
        }
    }
}
