using System.Globalization;
using System.Security.Cryptography;

namespace Distill.Tests.Fixtures;

/// <summary>
/// A response to send: status, header fields and the slice of <see cref="Content"/> that forms the body.
/// </summary>
internal sealed record HttpResponse(
    int StatusCode, List<KeyValuePair<string, string>> Headers, byte[] Content, long Offset, long Length)
{
    public static HttpResponse Text(int statusCode, string text)
    {
        var content = System.Text.Encoding.UTF8.GetBytes(text + "\n");
        return new(statusCode, [new("Content-Type", "text/plain; charset=utf-8")], content, 0, content.Length);
    }
}

/// <summary>
/// Serves GET and HEAD requests for files under a root directory, with Last-Modified and a strong ETag (a
/// SHA-256 prefix of the content), conditional requests (If-None-Match, then If-Modified-Since, as
/// RFC 9110 section 13.2.2 orders them) and single byte ranges with If-Range. Directories are not listed.
/// </summary>
internal sealed class StaticFileResponder(string rootDirectory)
{
    private readonly string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));

    public HttpResponse Respond(HttpRequestHead request)
    {
        if (request.Method is not ("GET" or "HEAD"))
        {
            var rejected = HttpResponse.Text(405, $"method {request.Method} is not allowed");
            rejected.Headers.Add(new("Allow", "GET, HEAD"));
            return rejected;
        }

        var file = MapPath(request.Path);
        if (file is null || !File.Exists(file))
        {
            return HttpResponse.Text(404, $"{request.Path} not found");
        }

        var content = File.ReadAllBytes(file);
        var lastModified = TruncateToSeconds(File.GetLastWriteTimeUtc(file));
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
        List<KeyValuePair<string, string>> headers =
        [
            new("Content-Type", "application/octet-stream"),
            new("Last-Modified", lastModified.ToString("r", CultureInfo.InvariantCulture)),
            new("ETag", etag),
            new("Accept-Ranges", "bytes"),
        ];

        if (IsNotModified(request, etag, lastModified))
        {
            return new HttpResponse(304, headers, content, 0, 0);
        }

        return RespondWithRange(request, headers, content, etag, lastModified)
            ?? new HttpResponse(200, headers, content, 0, content.Length);
    }

    /// <summary>Maps a request path to a file under the root, or null if it would leave the root.</summary>
    private string? MapPath(string requestPath)
    {
        if (requestPath.Contains('\0') || requestPath.Split('/').Any(segment => segment == ".."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, requestPath.TrimStart('/')));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private static bool IsNotModified(HttpRequestHead request, string etag, DateTimeOffset lastModified)
    {
        if (request.Header("If-None-Match") is { } noneMatch)
        {
            return noneMatch.Trim() == "*" || noneMatch.Split(',').Any(tag => tag.Trim() == etag);
        }

        return request.Header("If-Modified-Since") is { } since
            && DateTimeOffset.TryParseExact(
                since, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && lastModified <= date;
    }

    /// <summary>Returns a 206 or 416 response for a single "bytes=" range, or null to send the whole file.</summary>
    private static HttpResponse? RespondWithRange(
        HttpRequestHead request,
        List<KeyValuePair<string, string>> headers,
        byte[] content,
        string etag,
        DateTimeOffset lastModified)
    {
        var range = request.Header("Range");
        if (range is null || !range.StartsWith("bytes=", StringComparison.Ordinal) || range.Contains(','))
        {
            return null;
        }

        if (request.Header("If-Range") is { } ifRange
            && ifRange != etag
            && ifRange != lastModified.ToString("r", CultureInfo.InvariantCulture))
        {
            return null;
        }

        if (!TryParseRange(range["bytes=".Length..], content.LongLength, out var start, out var end))
        {
            return null;
        }

        if (start >= content.LongLength || start > end)
        {
            var unsatisfiable = HttpResponse.Text(
                416, $"range '{range}' is outside the {content.LongLength} bytes of the file");
            unsatisfiable.Headers.Add(new("Content-Range", $"bytes */{content.LongLength}"));
            return unsatisfiable;
        }

        headers.Add(new("Content-Range", $"bytes {start}-{end}/{content.LongLength}"));
        return new HttpResponse(206, headers, content, start, end - start + 1);
    }

    /// <summary>Parses "START-END", "START-" or "-SUFFIX" into inclusive bounds; false for any other form.</summary>
    private static bool TryParseRange(string range, long length, out long start, out long end)
    {
        var bounds = range.Split('-', 2);
        start = 0;
        end = length - 1;
        if (bounds.Length != 2)
        {
            return false;
        }

        if (bounds[0].Length == 0)
        {
            if (!long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return false;
            }

            start = Math.Max(0, length - suffix);
            return true;
        }

        if (!long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return false;
        }

        if (bounds[1].Length == 0)
        {
            return true;
        }

        if (!long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return false;
        }

        end = Math.Min(last, length - 1);
        return true;
    }

    private static DateTimeOffset TruncateToSeconds(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
