using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Distill.Tests.Fixtures;

/// <summary>
/// A small HTTP/1.1 file server on 127.0.0.1 and a free port, for tests of download code. It serves a
/// directory (see <see cref="StaticFileResponder"/>), records every request, injects faults on request,
/// and stops on <see cref="Dispose"/> or by itself after <see cref="MaxLifetime"/>, whichever comes first.
/// Connections stay open between requests and pipelined requests get their responses in order.
/// </summary>
public sealed partial class LoopbackHttpServer : IDisposable
{
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan IdleConnectionTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource lifetime = new();
    private readonly StaticFileResponder responder;
    private readonly ConcurrentDictionary<TcpClient, byte> connections = new();
    private readonly List<HttpRequestRecord> requests = [];
    private readonly List<HttpFault> faults = [];
    private readonly ConcurrentQueue<string> protocolErrors = new();
    private readonly Task acceptLoop;

    private LoopbackHttpServer(string rootDirectory, TimeSpan maxLifetime)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
        MaxLifetime = maxLifetime;
        responder = new StaticFileResponder(RootDirectory);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        lifetime.Token.Register(listener.Stop);
        lifetime.CancelAfter(maxLifetime);
        acceptLoop = Task.Run(AcceptConnectionsAsync);
    }

    public string RootDirectory { get; }
    public int Port { get; }
    public TimeSpan MaxLifetime { get; }

    /// <summary>The base address with a trailing slash, such as "http://127.0.0.1:40123/".</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// The malformed requests that closed a connection, each with the client's endpoint and the reason.
    /// </summary>
    public IReadOnlyCollection<string> ProtocolErrors => protocolErrors.ToArray();

    /// <summary>
    /// Whether the server still accepts connections: false after Dispose or when its lifetime ran out.
    /// </summary>
    public bool IsRunning => !lifetime.IsCancellationRequested;

    /// <summary>Starts serving <paramref name="rootDirectory"/> at once; the port is chosen by the system.</summary>
    public static LoopbackHttpServer Start(string rootDirectory, TimeSpan? maxLifetime = null) =>
        new(rootDirectory, maxLifetime ?? DefaultMaxLifetime);

    /// <summary>Returns the absolute URI of a path under the root, such as "debian/dists/trixie/InRelease".</summary>
    public Uri Url(string relativePath) => new(BaseAddress, relativePath.TrimStart('/'));

    /// <summary>Stops accepting connections, closes open ones and waits briefly for the accept loop to end.</summary>
    public void Dispose()
    {
        lifetime.Cancel();
        foreach (var connection in connections.Keys)
        {
            connection.Dispose();
        }

        acceptLoop.Wait(TimeSpan.FromSeconds(5));
        lifetime.Dispose();
    }

    private async Task AcceptConnectionsAsync()
    {
        while (!lifetime.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(lifetime.Token);
            }
            catch (Exception exception)
                when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connections[client] = 0;
            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            while (!lifetime.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                idle.CancelAfter(IdleConnectionTimeout);
                var request = await reader.ReadAsync(idle.Token);
                if (request is null || !await HandleAsync(client, stream, request))
                {
                    return;
                }
            }
        }
        catch (InvalidDataException exception)
        {
            protocolErrors.Enqueue($"{client.Client.RemoteEndPoint}: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or SocketException
            or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, stayed idle too long, or the server stopped.
        }
        finally
        {
            connections.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Answers one request, applying faults first. Returns whether the connection stays open.</summary>
    private async Task<bool> HandleAsync(TcpClient client, NetworkStream stream, HttpRequestHead request)
    {
        var path = request.Path;
        foreach (var delay in ClaimFaults(path, HttpFaultKind.Delay))
        {
            await Task.Delay(delay.Delay, lifetime.Token);
        }

        var fault = ClaimFaults(path, HttpFaultKind.Status, HttpFaultKind.DropConnection, HttpFaultKind.TruncateBody)
            .FirstOrDefault();
        if (fault?.Kind == HttpFaultKind.DropConnection)
        {
            Record(request, 0, 0, fault.Kind);
            client.Client.Close(0);
            return false;
        }

        var response = fault?.Kind == HttpFaultKind.Status
            ? HttpResponse.Text(fault.StatusCode, $"fault injected for {path}")
            : responder.Respond(request);
        var keepAlive = request.KeepAlive && fault is null;
        var bodyLimit = fault?.Kind == HttpFaultKind.TruncateBody
            ? Math.Min(fault.BodyBytesBeforeClose, response.Length)
            : response.Length;
        var sent = await WriteResponseAsync(stream, request, response, keepAlive, bodyLimit);
        Record(request, response.StatusCode, sent, fault?.Kind);
        return keepAlive;
    }

    private static async Task<long> WriteResponseAsync(
        NetworkStream stream, HttpRequestHead request, HttpResponse response, bool keepAlive, long bodyLimit)
    {
        var head = new StringBuilder();
        var reason = ReasonPhrase(response.StatusCode);
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {reason}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:r}\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (response.StatusCode != 304)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Length}\r\n");
        }

        head.Append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        var bodyLength = request.Method == "HEAD" || response.StatusCode == 304 ? 0 : bodyLimit;
        await stream.WriteAsync(response.Content.AsMemory((int)response.Offset, (int)bodyLength));
        await stream.FlushAsync();
        return bodyLength;
    }

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        200 => "OK",
        206 => "Partial Content",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status " + statusCode.ToString(CultureInfo.InvariantCulture),
    };
}
