using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Distill.Blobs;

namespace Distill.Tests.Referrers;

/// <summary>
/// A minimal registry on 127.0.0.1 that supports the referrers API of the OCI distribution specification 1.1,
/// which docker-registry 2.8 lacks: anonymous /v2/, monolithic blob uploads, manifests by tag or digest, and
/// GET /v2/NAME/referrers/DIGEST built from the stored manifests' subjects. It stops on dispose or after
/// <see cref="MaxLifetime"/>, and records each request as "METHOD PATH".
/// </summary>
public sealed class ReferrersApiRegistry : IDisposable
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private readonly HttpListener listener = new();

    private readonly CancellationTokenSource lifetime = new(MaxLifetime);

    private readonly ConcurrentDictionary<string, byte[]> blobs = new();

    private readonly ConcurrentDictionary<string, (byte[] Content, string MediaType)> manifests = new();

    public ReferrersApiRegistry()
    {
        Port = Registry.FreePort.Find();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        lifetime.Token.Register(listener.Stop);
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Returns whether a manifest was stored under <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => manifests.ContainsKey(tag);

    public void Dispose()
    {
        lifetime.Cancel();
        listener.Close();
        lifetime.Dispose();
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
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path}");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);

        if (parts is ["v2"])
        {
            response.StatusCode = 200;
        }
        else if (parts is ["v2", .., "blobs", "uploads"] && request.HttpMethod == "POST")
        {
            response.StatusCode = 202;
            response.AddHeader("Location", $"http://{Host}/upload/{Guid.NewGuid():N}");
        }
        else if (parts is ["upload", _] && request.HttpMethod == "PUT")
        {
            var digest = request.QueryString["digest"]!;
            blobs[digest] = body.ToArray();
            response.StatusCode = 201;
        }
        else if (parts is ["v2", .., "blobs", var blob])
        {
            await WriteAsync(response, blobs.TryGetValue(blob, out var content) ? content : null,
                "application/octet-stream", request.HttpMethod == "HEAD");
        }
        else if (parts is ["v2", .., "manifests", var tagOrDigest] && request.HttpMethod == "PUT")
        {
            var content = body.ToArray();
            var digest = Digest.Compute(content).ToString();
            manifests[tagOrDigest] = (content, request.ContentType!);
            manifests[digest] = (content, request.ContentType!);
            response.AddHeader("Docker-Content-Digest", digest);
            response.StatusCode = 201;
        }
        else if (parts is ["v2", .., "manifests", var requested])
        {
            var found = manifests.TryGetValue(requested, out var manifest);
            await WriteAsync(response, found ? manifest.Content : null, found ? manifest.MediaType : "",
                request.HttpMethod == "HEAD");
        }
        else if (parts is ["v2", .., "referrers", var subject])
        {
            await WriteAsync(response, ListReferrers(subject), "application/vnd.oci.image.index.v1+json", false);
        }
        else
        {
            response.StatusCode = 404;
        }
    }

    private byte[] ListReferrers(string subject)
    {
        var entries = new JsonArray();
        foreach (var (reference, manifest) in manifests.Where(pair => pair.Key.StartsWith("sha256:")))
        {
            var document = JsonNode.Parse(manifest.Content)!;
            if (document["subject"]?["digest"]?.GetValue<string>() != subject)
            {
                continue;
            }

            entries.Add(new JsonObject
            {
                ["mediaType"] = manifest.MediaType,
                ["digest"] = reference,
                ["size"] = manifest.Content.Length,
                ["artifactType"] = document["artifactType"]?.GetValue<string>(),
                ["annotations"] = document["annotations"]?.DeepClone(),
            });
        }

        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = entries,
        };
        return System.Text.Encoding.UTF8.GetBytes(index.ToJsonString());
    }

    private static async Task WriteAsync(HttpListenerResponse response, byte[]? content, string mediaType, bool headOnly)
    {
        if (content is null)
        {
            response.StatusCode = 404;
            return;
        }

        response.StatusCode = 200;
        response.ContentType = mediaType;
        response.AddHeader("Docker-Content-Digest", Digest.Compute(content).ToString());
        response.ContentLength64 = content.Length;
        if (!headOnly)
        {
            await response.OutputStream.WriteAsync(content);
        }
    }
}
