using System.Net;
using Microsoft.Extensions.Logging;

namespace Distill.Registry;

/// <summary>
/// The HTTP connection to one registry host: its API base URL, and requests sent with authentication. A 401
/// is handled once per request, with the challenge it carries, and a lost connection, 429 or 5xx becomes a
/// <see cref="TransientRegistryException"/> for the caller's <see cref="RetryPolicy"/>.
/// </summary>
internal sealed class RegistryConnection
{
    private readonly HttpClient http;

    private readonly RegistryAuthenticator authenticator;

    private readonly ILogger logger;

    public RegistryConnection(string host, HttpClient http, RegistryClientOptions options,
        CredentialSource credentials, ILogger logger)
    {
        Host = host;
        ApiBase = RegistryEndpoint.GetApiBase(host, options.InsecureHosts);
        this.http = http;
        this.logger = logger;
        authenticator = new RegistryAuthenticator(host, http, credentials, logger);
    }

    public string Host { get; }

    public Uri ApiBase { get; }

    /// <summary>Returns the URL of "/v2/PATH" on this host.</summary>
    public Uri GetUrl(string path) => new(ApiBase, path);

    /// <summary>
    /// Sends the request that <paramref name="createRequest"/> makes, once more after a 401 challenge, and
    /// returns any response that is not transient; the caller checks its status and disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, RegistryScope scope, string reference,
        CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(createRequest, scope, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && AuthChallenge.FromResponse(response) is { } challenge)
        {
            var sentAuthorization = response.RequestMessage?.Headers.Authorization is not null;
            if (await authenticator.HandleChallengeAsync(challenge, scope, sentAuthorization, reference, cancellationToken))
            {
                response.Dispose();
                response = await SendOnceAsync(createRequest, scope, cancellationToken);
            }
        }

        if (RetryPolicy.IsTransient(response.StatusCode))
        {
            var error = await RegistryError.ReadAsync(response, cancellationToken);
            var retryAfter = RetryPolicy.GetRetryAfter(response);
            response.Dispose();
            throw new TransientRegistryException(response.StatusCode, retryAfter, null) { Error = error };
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        Func<HttpRequestMessage> createRequest, RegistryScope scope, CancellationToken cancellationToken)
    {
        var request = createRequest();
        await authenticator.ApplyAsync(request, scope, cancellationToken);
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            logger.LogDebug("HTTP {Method} {Url} -> {Status}", request.Method, request.RequestUri, (int)response.StatusCode);
            return response;
        }
        catch (HttpRequestException error)
        {
            logger.LogDebug("HTTP {Method} {Url} failed: {Error}", request.Method, request.RequestUri, error.Message);
            throw new TransientRegistryException(null, null, error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("HTTP {Method} {Url} timed out", request.Method, request.RequestUri);
            throw new TransientRegistryException(null, null, error);
        }
        catch (IOException error)
        {
            throw new TransientRegistryException(null, null, error);
        }
    }
}
