using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Distill.Tests.Registry;

/// <summary>The fault a <see cref="FaultProxy"/> injects.</summary>
public enum ProxyFault
{
    /// <summary>Answers 503 Service Unavailable with Retry-After: 0, and closes the connection.</summary>
    ServiceUnavailable,

    /// <summary>Reads the request head and resets the connection without a response.</summary>
    DropConnection,
}

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a test registry. The first <c>faultCount</c> connections get the fault,
/// each after one request head; every later connection is piped to the registry unchanged. Because clients
/// keep connections open, a fault hits the request that opened the connection. The proxy stops on dispose or
/// after a bounded lifetime.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    private const int MaxHeadLength = 64 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    private readonly CancellationTokenSource lifetime = new(MaxLifetime);

    private readonly int upstreamPort;

    private readonly ProxyFault fault;

    private int remainingFaults;

    private int faultsInjected;

    public FaultProxy(int upstreamPort, ProxyFault fault, int faultCount)
    {
        this.upstreamPort = upstreamPort;
        this.fault = fault;
        remainingFaults = faultCount;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        lifetime.Token.Register(listener.Stop);
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public int FaultsInjected => faultsInjected;

    public void Dispose()
    {
        lifetime.Cancel();
        listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!lifetime.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(lifetime.Token);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException
                or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                if (Interlocked.Decrement(ref remainingFaults) >= 0)
                {
                    await InjectFaultAsync(client);
                    Interlocked.Increment(ref faultsInjected);
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, lifetime.Token);
                var clientStream = client.GetStream();
                var upstreamStream = upstream.GetStream();
                var toUpstream = PipeAsync(clientStream, upstream.Client);
                var toClient = PipeAsync(upstreamStream, client.Client);
                await Task.WhenAny(toUpstream, toClient);
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
            {
                // One side closed the connection; the other is closed with it.
            }
        }
    }

    private async Task InjectFaultAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n") && head.Length < MaxHeadLength)
        {
            var read = await stream.ReadAsync(buffer, lifetime.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        if (fault == ProxyFault.DropConnection)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
            return;
        }

        var response = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), lifetime.Token);
        client.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Copies bytes from a stream to a socket until the stream ends, then half-closes the socket.</summary>
    private async Task PipeAsync(NetworkStream from, Socket to)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, lifetime.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, lifetime.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
