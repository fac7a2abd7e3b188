using System.Net;
using System.Net.Sockets;

namespace Distill.Tests.Registry;

/// <summary>Finds a TCP port on 127.0.0.1 that is free at the time of the call.</summary>
internal static class FreePort
{
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
