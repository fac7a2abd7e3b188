using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Distill.Registry;

/// <summary>
/// Adds the Authorization header that one registry host expects. It learns the scheme from the first 401
/// challenge: Basic sends the user's credentials on every request; Bearer fetches a token from the challenge's
/// realm for the scopes a request needs, caches it per scope, and fetches a new one when the registry
/// rejects it. Tokens and passwords never reach the logger.
/// </summary>
internal sealed class RegistryAuthenticator(
    string host, HttpClient http, CredentialSource credentialSource, ILogger logger)
{
    private readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim tokenGate = new(1, 1);

    private AuthChallenge? challenge;

    /// <summary>Adds a cached Bearer token or the Basic credentials, when the host asked for them before.</summary>
    public async Task ApplyAsync(HttpRequestMessage request, RegistryScope scope, CancellationToken cancellationToken)
    {
        var known = challenge;
        if (known is null)
        {
            return;
        }

        if (known.IsBasic)
        {
            var credentials = await credentialSource.GetAsync(host, cancellationToken);
            if (credentials is not null)
            {
                request.Headers.Authorization = CreateBasic(credentials);
            }
        }
        else if (tokens.TryGetValue(scope.Key, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>
    /// Handles a 401 challenge: for Bearer, drops the token cached for <paramref name="scope"/> and fetches a new
    /// one. Returns false when there is nothing to try, because Basic was already sent or no credentials exist.
    /// </summary>
    public async Task<bool> HandleChallengeAsync(
        AuthChallenge received, RegistryScope scope, bool sentAuthorization, string reference,
        CancellationToken cancellationToken)
    {
        challenge = received;
        if (received.IsBasic)
        {
            return !sentAuthorization && await credentialSource.GetAsync(host, cancellationToken) is not null;
        }

        if (!received.IsBearer)
        {
            return false;
        }

        await tokenGate.WaitAsync(cancellationToken);
        try
        {
            tokens.TryRemove(scope.Key, out _);
            tokens[scope.Key] = await FetchTokenAsync(received, scope, reference, cancellationToken);
            return true;
        }
        finally
        {
            tokenGate.Release();
        }
    }

    private async Task<string> FetchTokenAsync(
        AuthChallenge bearer, RegistryScope scope, string reference, CancellationToken cancellationToken)
    {
        var realm = bearer.Get("realm");
        if (realm is null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException(reference, HttpStatusCode.Unauthorized, null, "The registry's Bearer "
                + "challenge has no valid realm URL, so no token can be requested. Check the registry's auth "
                + "configuration.");
        }

        var query = new StringBuilder(realmUri.Query.Length > 1 ? realmUri.Query[1..] + "&" : "");
        if (bearer.Get("service") is { } service)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        foreach (var item in scope.Scopes)
        {
            query.Append("&scope=").Append(Uri.EscapeDataString(item));
        }

        var url = new UriBuilder(realmUri) { Query = query.ToString().TrimStart('&') }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var credentials = await credentialSource.GetAsync(host, cancellationToken);
        if (credentials is not null)
        {
            request.Headers.Authorization = CreateBasic(credentials);
        }

        logger.LogDebug("Requesting a registry token for {Scope} from {Realm} ({Identity})", scope.Key,
            realmUri.GetLeftPart(UriPartial.Path), credentials is null ? "anonymous" : $"user {credentials.Username}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryUnauthorizedException(reference, response.StatusCode,
                await RegistryError.ReadAsync(response, cancellationToken));
        }

        if (RetryPolicy.IsTransient(response.StatusCode))
        {
            throw new TransientRegistryException(response.StatusCode, RetryPolicy.GetRetryAfter(response), null);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(reference, response.StatusCode,
                await RegistryError.ReadAsync(response, cancellationToken),
                "The token server rejected the token request. Check the registry's auth configuration.");
        }

        return ReadToken(await response.Content.ReadAsByteArrayAsync(cancellationToken), reference);
    }

    /// <summary>Reads "token", or "access_token" as OAuth 2 servers name it, from the token response.</summary>
    private static string ReadToken(byte[] body, string reference)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (document.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                {
                    return value;
                }
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Falls through to the error below, which leaves the body out because it may contain a secret.
        }

        throw new RegistryException(reference, HttpStatusCode.OK, null, "The token server's response has no "
            + "\"token\" or \"access_token\". Check the registry's auth configuration.");
    }

    private static AuthenticationHeaderValue CreateBasic(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
}
