namespace Distill.Debian.Archive;

/// <summary>
/// Thrown when a verified Release or Packages file cannot be used: invalid syntax or a missing index.
/// </summary>
public sealed class ArchiveFormatException : DistillException
{
    public ArchiveFormatException(string message)
        : base(message)
    {
    }

    public ArchiveFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
