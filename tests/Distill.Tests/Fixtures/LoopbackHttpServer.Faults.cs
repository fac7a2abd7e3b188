namespace Distill.Tests.Fixtures;

/// <summary>The request log and fault injection of <see cref="LoopbackHttpServer"/>.</summary>
public sealed partial class LoopbackHttpServer
{
    /// <summary>A snapshot of the requests handled so far, in the order they finished.</summary>
    public IReadOnlyList<HttpRequestRecord> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    /// <summary>
    /// Returns how many requests for exactly <paramref name="path"/> (such as "/debian/dists/trixie/InRelease")
    /// were handled.
    /// </summary>
    public int CountRequests(string path) => Requests.Count(request => request.Path == path);

    public void ClearRequests()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests for a path with <paramref name="statusCode"/>.
    /// </summary>
    public HttpFault FailRequests(string path, int count, int statusCode = 503) =>
        AddFault(new HttpFault(PathEquals(path), HttpFaultKind.Status, count) { StatusCode = statusCode });

    /// <summary>
    /// Closes the connection, without a response, on the next <paramref name="count"/> requests for a path.
    /// </summary>
    public HttpFault DropConnections(string path, int count) =>
        AddFault(new HttpFault(PathEquals(path), HttpFaultKind.DropConnection, count));

    /// <summary>
    /// Sends only the first <paramref name="bodyBytes"/> bytes of the body, then closes, on the next requests for a
    /// path.
    /// </summary>
    public HttpFault TruncateResponses(string path, int count, int bodyBytes) =>
        AddFault(new HttpFault(PathEquals(path), HttpFaultKind.TruncateBody, count) { BodyBytesBeforeClose = bodyBytes });

    /// <summary>
    /// Waits <paramref name="delay"/> before responding to the next <paramref name="count"/> requests for a path.
    /// </summary>
    public HttpFault DelayResponses(string path, TimeSpan delay, int count = int.MaxValue) =>
        AddFault(new HttpFault(PathEquals(path), HttpFaultKind.Delay, count) { Delay = delay });

    /// <summary>
    /// Adds a fault made by the caller, for example one whose path predicate matches a whole directory.
    /// </summary>
    public HttpFault AddFault(Func<string, bool> matchesPath, HttpFaultKind kind, int count, int statusCode = 503,
        int bodyBytes = 0, TimeSpan delay = default) =>
        AddFault(new HttpFault(matchesPath, kind, count)
        {
            StatusCode = statusCode,
            BodyBytesBeforeClose = bodyBytes,
            Delay = delay,
        });

    private HttpFault AddFault(HttpFault fault)
    {
        lock (faults)
        {
            faults.Add(fault);
        }

        return fault;
    }

    /// <summary>Claims one use of every matching fault of the given kinds, in the order they were added.</summary>
    private List<HttpFault> ClaimFaults(string path, params HttpFaultKind[] kinds)
    {
        lock (faults)
        {
            var claimed = new List<HttpFault>();
            foreach (var fault in faults.Where(fault => kinds.Contains(fault.Kind)))
            {
                if (fault.TryClaim(path))
                {
                    claimed.Add(fault);
                    if (fault.Kind != HttpFaultKind.Delay)
                    {
                        break;
                    }
                }
            }

            return claimed;
        }
    }

    private void Record(HttpRequestHead request, int statusCode, long bodyBytesSent, HttpFaultKind? fault)
    {
        var record = new HttpRequestRecord(
            DateTimeOffset.UtcNow, request.Method, request.Path, request.Headers, statusCode, bodyBytesSent, fault);
        lock (requests)
        {
            requests.Add(record);
        }
    }

    private static Func<string, bool> PathEquals(string path)
    {
        var expected = "/" + path.TrimStart('/');
        return requestPath => requestPath == expected;
    }
}
