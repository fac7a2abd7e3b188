namespace Distill.Debian.Archive;

/// <summary>Thrown when a distro name is not one of <see cref="DebianDistro.Supported"/>.</summary>
public sealed class UnsupportedDistroException : DistillException
{
    public UnsupportedDistroException(string message)
        : base(message)
    {
    }
}
