using System.Diagnostics;

namespace Distill.Output;

/// <summary>
/// An exclusive lock on an OCI layout, held while its index.json is read and replaced, so that concurrent
/// writers never lose each other's tags. The lock is an open file with <see cref="FileShare.None"/>, which
/// .NET implements on Linux and macOS with flock(2). The kernel releases it when the process exits, so a
/// killed writer leaves no stale lock.
/// </summary>
internal sealed class LayoutLock : IDisposable
{
    public const string FileName = "index.json.lock";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream stream;

    private LayoutLock(FileStream stream)
    {
        this.stream = stream;
    }

    /// <summary>
    /// Waits until the lock is free and takes it, or throws <see cref="LayoutLockTimeoutException"/> after
    /// <paramref name="timeout"/>.
    /// </summary>
    public static LayoutLock Acquire(string layoutDirectory, TimeSpan timeout)
    {
        var path = Path.Combine(layoutDirectory, FileName);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new LayoutLock(stream);
            }
            catch (IOException) when (stopwatch.Elapsed < timeout)
            {
                Thread.Sleep(RetryInterval);
            }
            catch (IOException exception)
            {
                throw new LayoutLockTimeoutException(path, timeout, exception);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
