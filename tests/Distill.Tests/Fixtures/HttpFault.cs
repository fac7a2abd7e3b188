namespace Distill.Tests.Fixtures;

/// <summary>What a <see cref="LoopbackHttpServer"/> does in place of a normal response.</summary>
public enum HttpFaultKind
{
    /// <summary>Send an error status, such as 503, with a short text body.</summary>
    Status,

    /// <summary>Close the connection without sending anything.</summary>
    DropConnection,

    /// <summary>Send the headers with the full Content-Length, then only part of the body, then close.</summary>
    TruncateBody,

    /// <summary>Wait, then respond normally; other faults may still apply after the wait.</summary>
    Delay,
}

/// <summary>
/// A fault injected into the responses for matching paths. It applies to the next
/// <see cref="RemainingCount"/> matching requests and then expires.
/// </summary>
public sealed class HttpFault
{
    private int remaining;

    internal HttpFault(Func<string, bool> matchesPath, HttpFaultKind kind, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a fault must apply to at least one request");
        }

        MatchesPath = matchesPath;
        Kind = kind;
        remaining = count;
    }

    public Func<string, bool> MatchesPath { get; }
    public HttpFaultKind Kind { get; }
    public int StatusCode { get; init; } = 503;
    public int BodyBytesBeforeClose { get; init; }
    public TimeSpan Delay { get; init; }

    public int RemainingCount => Volatile.Read(ref remaining);

    /// <summary>
    /// Claims one use of the fault for a request path. Returns false if it does not match or has expired.
    /// </summary>
    internal bool TryClaim(string path)
    {
        if (!MatchesPath(path))
        {
            return false;
        }

        int current;
        do
        {
            current = Volatile.Read(ref remaining);
            if (current == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref remaining, current - 1, current) != current);

        return true;
    }
}
