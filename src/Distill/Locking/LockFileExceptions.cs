namespace Distill.Locking;

/// <summary>Raised when a lock file was made for another image, variant, distro or architecture.</summary>
public sealed class LockFileMismatchException(string message) : DistillException(message);

/// <summary>Raised when the mirror no longer serves the .deb of a locked package version.</summary>
public sealed class LockedPackageNotFoundException(string message, Exception innerException)
    : DistillException(message, innerException);

/// <summary>Raised when a downloaded .deb differs from the SHA-256 or size that the lock file records.</summary>
public sealed class LockedPackageDigestException(string message, Exception innerException)
    : DistillException(message, innerException);

/// <summary>Raised when a lock file cannot be parsed or lacks a required field.</summary>
public sealed class InvalidLockFileException : DistillException
{
    public InvalidLockFileException(string path, string reason, Exception? innerException = null)
        : base($"invalid lock file {path}: {reason}. Create it again with 'distill lock IMAGE --output {path}'",
            innerException ?? new FormatException(reason))
    {
    }
}
