using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>The request line and header fields of one HTTP/1.1 request.</summary>
public sealed record HttpRequestHead(
    string Method, string Target, string Version, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The percent-decoded path of the target, without its query, such as "/dists/trixie/InRelease".</summary>
    public string Path => Uri.UnescapeDataString(Target.Split('?', 2)[0]);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Whether the client allows another request on the connection (HTTP/1.1 unless "Connection: close").
    /// </summary>
    public bool KeepAlive
    {
        get
        {
            var connection = Header("Connection") ?? "";
            return Version == "HTTP/1.1"
                ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
                : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>
/// Reads request heads one after another from a connection, keeping bytes that arrive early, so that
/// pipelined requests (as apt sends them) get their responses in order. Request bodies are read and dropped.
/// </summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private const int MaxHeadLength = 64 * 1024;
    private readonly byte[] buffer = new byte[MaxHeadLength];
    private int length;

    /// <summary>Returns the next request, or null when the client closed the connection between requests.</summary>
    public async Task<HttpRequestHead?> ReadAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                throw new InvalidDataException($"request head is longer than {MaxHeadLength} bytes");
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length == 0 ? null : throw new InvalidDataException("connection closed inside a request head");
            }

            length += read;
        }

        var head = Parse(Encoding.Latin1.GetString(buffer, 0, headEnd));
        Consume(headEnd + 4);
        await SkipBodyAsync(head, cancellationToken);
        return head;
    }

    private static HttpRequestHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"invalid request line '{lines[0]}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new InvalidDataException($"invalid header line '{line}'");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    private async Task SkipBodyAsync(HttpRequestHead head, CancellationToken cancellationToken)
    {
        if (head.Header("Transfer-Encoding") is not null)
        {
            throw new InvalidDataException("chunked request bodies are not supported");
        }

        var contentLength = head.Header("Content-Length") ?? "0";
        var remaining = long.Parse(contentLength, System.Globalization.CultureInfo.InvariantCulture);
        while (remaining > 0)
        {
            if (length == 0)
            {
                length = await stream.ReadAsync(buffer, cancellationToken);
                if (length == 0)
                {
                    throw new InvalidDataException("connection closed inside a request body");
                }
            }

            var skipped = (int)Math.Min(remaining, length);
            Consume(skipped);
            remaining -= skipped;
        }
    }

    private void Consume(int count)
    {
        Buffer.BlockCopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }
}
