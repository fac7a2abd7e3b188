using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Distill.Tests.Debian;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves files from memory with ETags and 304 responses, logs each request,
/// and can respond 503 a set number of times. It stops when disposed.
/// </summary>
internal sealed class LoopbackArchiveServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly ConcurrentDictionary<string, byte[]> files = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new();
    private readonly Task loop;

    public LoopbackArchiveServer()
    {
        // The free port is found before HttpListener binds it, so another test may take it first: try again.
        for (var attempt = 1; ; attempt++)
        {
            listener = new HttpListener();
            BaseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
            listener.Prefixes.Add(BaseUri.ToString());
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; private set; }

    /// <summary>Each request as "STATUS PATH", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Set(string path, byte[] content) => files[path] = content;

    public void Remove(string path) => files.TryRemove(path, out _);

    public void FailNext(string path, int times) => failuresLeft[path] = times;

    public void Dispose()
    {
        // Close alone: after Stop, .NET's managed listener binds the port again to remove its prefixes, which
        // fails when another test's server took the port meanwhile.
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
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

            Respond(context);
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var status = Status(path, context.Request, out var content);
        Requests.Enqueue($"{status} {path}");
        context.Response.StatusCode = status;
        if (status == 200)
        {
            context.Response.Headers["ETag"] = ETag(content!);
            context.Response.ContentLength64 = content!.Length;
            context.Response.OutputStream.Write(content);
        }

        context.Response.Close();
    }

    private int Status(string path, HttpListenerRequest request, out byte[]? content)
    {
        content = null;
        if (failuresLeft.TryGetValue(path, out var failures) && failures > 0)
        {
            failuresLeft[path] = failures - 1;
            return 503;
        }

        if (!files.TryGetValue(path, out content))
        {
            return 404;
        }

        return request.Headers["If-None-Match"] == ETag(content) ? 304 : 200;
    }

    private static string ETag(byte[] content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
