using System.Net.Http.Headers;

namespace Distill.Debian.Archive;

/// <summary>
/// The ETag and Last-Modified of a stored response, sent back as If-None-Match and If-Modified-Since.
/// </summary>
internal sealed record CachedValidators(string? ETag, DateTimeOffset? LastModified)
{
    public static CachedValidators From(HttpResponseMessage response) =>
        new(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
}

/// <summary>A 200 response to a conditional GET: its body and validators.</summary>
internal sealed record ConditionalResponse(byte[] Body, CachedValidators Validators);
