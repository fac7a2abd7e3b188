namespace Distill.Debian.Archive;

/// <summary>Thrown when no Debian mirror was given and none can be found in the host's apt sources.</summary>
public sealed class MirrorNotConfiguredException : DistillException
{
    public MirrorNotConfiguredException(string message)
        : base(message)
    {
    }
}
