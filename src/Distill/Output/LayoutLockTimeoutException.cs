namespace Distill.Output;

/// <summary>The lock file of an OCI layout stayed held by another writer for longer than the timeout.</summary>
public sealed class LayoutLockTimeoutException(string lockPath, TimeSpan timeout, Exception innerException)
    : DistillException($"Timed out after {timeout.TotalSeconds:0} s waiting for the lock file '{lockPath}'. "
        + "Another process is writing to this OCI layout. Wait for it to finish, then write again.",
        innerException)
{
    public string LockPath { get; } = lockPath;
}
