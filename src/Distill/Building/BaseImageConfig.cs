using Distill.Content;

namespace Distill.Building;

/// <summary>The runtime configuration of a base image: user, working directory, environment, entrypoint.</summary>
public static class BaseImageConfig
{
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public const string CaBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    public static IReadOnlyList<string> Environment(bool debug) =>
        ["PATH=" + Path + (debug ? ":/busybox" : ""), "SSL_CERT_FILE=" + CaBundlePath];

    public static string User(bool nonroot) => nonroot ? Accounts.NonrootId.ToString() : "0";

    public static string WorkingDirectory(bool nonroot) => nonroot ? "/home/nonroot" : "/";

    /// <summary>Debug images start the busybox shell; the others have no entrypoint of their own.</summary>
    public static IReadOnlyList<string>? Entrypoint(bool debug) => debug ? ["/busybox/sh"] : null;
}
