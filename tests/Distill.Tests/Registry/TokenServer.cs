using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Distill.Tests.Registry;

/// <summary>
/// A token server for a registry's "token" auth, on 127.0.0.1: it checks Basic credentials and returns a JWT
/// signed with ES256 by a key whose self-signed certificate the registry trusts, granting every requested
/// action. It records the tokens it issues and the scopes requested, and stops on dispose or after a bounded
/// lifetime.
/// </summary>
public sealed class TokenServer : IDisposable
{
    public const string Service = "distill-test-registry";

    public const string Issuer = "distill-test-issuer";

    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(20);

    private readonly HttpListener listener = new();

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private readonly X509Certificate2 certificate;

    private readonly CancellationTokenSource lifetime = new(MaxLifetime);

    private readonly string username;

    private readonly string password;

    private TokenServer(string username, string password)
    {
        this.username = username;
        this.password = password;
        var request = new CertificateRequest("CN=distill-test-token-signer", key, HashAlgorithmName.SHA256);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var port = FreePort.Find();
        Realm = $"http://127.0.0.1:{port}/token";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        lifetime.Token.Register(listener.Stop);
        _ = Task.Run(ServeAsync);
    }

    public string Realm { get; }

    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    public static TokenServer Start(string username, string password) => new(username, password);

    /// <summary>Writes the signing certificate as PEM, for the registry's rootcertbundle, and returns the path.</summary>
    public string WriteCertificate(string path)
    {
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        lifetime.Cancel();
        listener.Close();
        certificate.Dispose();
        key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!lifetime.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException
                or InvalidOperationException)
            {
                return;
            }

            try
            {
                Respond(context);
            }
            catch (HttpListenerException)
            {
                // The client went away; the next request is served as usual.
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        if (context.Request.Headers["Authorization"] != expected)
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }

        var scopes = context.Request.QueryString.GetValues("scope") ?? [];
        foreach (var scope in scopes)
        {
            RequestedScopes.Enqueue(scope);
        }

        var token = CreateToken(scopes);
        IssuedTokens.Enqueue(token);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { token, access_token = token, expires_in = 300 });
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    /// <summary>Creates a JWT with the certificate in "x5c", granting each "repository:NAME:ACTIONS" scope.</summary>
    private string CreateToken(IEnumerable<string> scopes)
    {
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData)),
        };
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            access.Add(new JsonObject
            {
                ["type"] = parts[0],
                ["name"] = string.Join(':', parts[1..^1]),
                ["actions"] = new JsonArray(parts[^1].Split(',').Select(action => (JsonNode)action!).ToArray()),
            });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = username,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
