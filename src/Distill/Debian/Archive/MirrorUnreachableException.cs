using System.Net;

namespace Distill.Debian.Archive;

/// <summary>
/// Thrown when a mirror cannot be reached, times out, responds with a server error after every retry, or
/// does not serve a file that the archive should contain.
/// </summary>
public sealed class MirrorUnreachableException : DistillException
{
    public MirrorUnreachableException(string url, string message, HttpStatusCode? statusCode = null)
        : base(message)
    {
        Url = url;
        StatusCode = statusCode;
    }

    public MirrorUnreachableException(string url, string message, Exception innerException)
        : base(message, innerException)
    {
        Url = url;
    }

    public string Url { get; }

    /// <summary>The HTTP status of a 4xx response, such as 404 for a missing file; null for other failures.</summary>
    public HttpStatusCode? StatusCode { get; }
}
