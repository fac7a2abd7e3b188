namespace Distill.Debian.Archive;

/// <summary>
/// Thrown when a mirror cannot be reached, times out, responds with a server error after every retry, or
/// does not serve a file that the archive should contain.
/// </summary>
public sealed class MirrorUnreachableException : DistillException
{
    public MirrorUnreachableException(string url, string message)
        : base(message)
    {
        Url = url;
    }

    public MirrorUnreachableException(string url, string message, Exception innerException)
        : base(message, innerException)
    {
        Url = url;
    }

    public string Url { get; }
}
