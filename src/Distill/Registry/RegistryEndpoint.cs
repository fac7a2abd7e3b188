using System.Net;

namespace Distill.Registry;

/// <summary>
/// Chooses the URL scheme for a registry host. HTTPS with certificate verification is the default; plain
/// HTTP is used only for loopback hosts (127.0.0.0/8, ::1, localhost) and for hosts the user named as
/// insecure, with or without a port.
/// </summary>
public static class RegistryEndpoint
{
    /// <summary>Returns the base URL of the registry's API, such as "https://registry.example/v2/".</summary>
    public static Uri GetApiBase(string host, IReadOnlyCollection<string> insecureHosts)
    {
        var scheme = UsesPlainHttp(host, insecureHosts) ? "http" : "https";
        return new Uri($"{scheme}://{host}/v2/");
    }

    public static bool UsesPlainHttp(string host, IReadOnlyCollection<string> insecureHosts)
    {
        var name = StripPort(host);
        return IsLoopback(name)
            || insecureHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            || insecureHosts.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(string name) =>
        name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Removes ":PORT" from "NAME:PORT" or "[IPV6]:PORT".</summary>
    private static string StripPort(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end > 0 ? host[..(end + 1)] : host;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }
}
