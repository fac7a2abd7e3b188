namespace Distill.Debian.Archive;

/// <summary>Receives the progress of downloads, for a progress display; the archive client works without one.</summary>
public interface IDownloadProgress
{
    /// <summary>Starts reporting one download of a known size, named for a person ("libc6 2.41-12").</summary>
    IDownloadProgressTask Begin(string name, long totalBytes);
}

/// <summary>One download in progress. Disposing it marks the download finished, whether or not it succeeded.</summary>
public interface IDownloadProgressTask : IDisposable
{
    void Advance(long bytes);
}
