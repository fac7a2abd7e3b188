using Distill.Debian.Archive;

namespace Distill.Building;

/// <summary>
/// Where packages come from and where they are kept: the Debian mirror and security mirror, the keyring
/// that signs them, and the cache directory. Each comes from an explicit value, else an environment
/// variable, else the host (apt's sources, Debian's archive keyring, the XDG cache directory).
/// </summary>
public sealed record ArchiveSettings(Uri Mirror, Uri SecurityMirror, string KeyringPath, string CacheDirectory)
{
    public const string DefaultKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    public static ArchiveSettings Resolve(
        string? mirror, string? securityMirror, string? keyring, string? cacheDirectory, string aptRoot = "/")
    {
        mirror ??= Environment.GetEnvironmentVariable("DISTILL_MIRROR").NullIfEmpty();
        securityMirror ??= Environment.GetEnvironmentVariable("DISTILL_SECURITY_MIRROR").NullIfEmpty();
        keyring ??= Environment.GetEnvironmentVariable("DISTILL_KEYRING").NullIfEmpty() ?? DefaultKeyring;

        var (mirrorUri, securityUri) = ResolveMirrors(mirror, securityMirror, aptRoot);
        if (Directory.Exists(keyring))
        {
            throw new KeyringException(
                $"keyring {keyring} is a directory: pass the keyring file with --keyring, such as {DefaultKeyring}");
        }

        if (!File.Exists(keyring))
        {
            throw new KeyringException(
                $"keyring {keyring} not found: install Debian's debian-archive-keyring package, or pass the keyring "
                + "that signs your mirror with --keyring");
        }

        return new ArchiveSettings(mirrorUri, securityUri, Path.GetFullPath(keyring), ResolveCache(cacheDirectory));
    }

    private static (Uri Mirror, Uri Security) ResolveMirrors(string? mirror, string? securityMirror, string aptRoot)
    {
        if (mirror is null)
        {
            var found = AptSources.FindMirrors(aptRoot);
            var security = securityMirror is null
                ? found.SecurityMirror
                : ParseUrl(securityMirror, "--security-mirror");
            return (found.Mirror, security);
        }

        var mirrorUri = ParseUrl(mirror, "--mirror");
        var securityUri = securityMirror is null
            ? DeriveSecurityMirror(mirrorUri)
            : ParseUrl(securityMirror, "--security-mirror");
        return (mirrorUri, securityUri);
    }

    private static Uri DeriveSecurityMirror(Uri mirror)
    {
        var path = mirror.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/debian", StringComparison.Ordinal))
        {
            throw new MirrorNotConfiguredException(
                $"no security mirror for --mirror {mirror}: it does not end in '/debian', so none can be derived "
                + "from it. Pass the security mirror with --security-mirror");
        }

        return AptSources.DeriveSecurityMirror(mirror);
    }

    private static Uri ParseUrl(string value, string option)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        throw new MirrorNotConfiguredException(
            $"invalid mirror URL '{value}' given by {option} or its environment variable: use an http:// or "
            + "https:// URL of a Debian archive, the directory that holds dists/ and pool/");
    }

    private static string ResolveCache(string? cacheDirectory)
    {
        cacheDirectory ??= Environment.GetEnvironmentVariable("DISTILL_CACHE_DIR").NullIfEmpty();
        if (cacheDirectory is null)
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME").NullIfEmpty()
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            cacheDirectory = Path.Combine(xdg, "distill");
        }

        if (string.IsNullOrWhiteSpace(cacheDirectory))
        {
            throw new DistillException("invalid cache directory '': pass a directory with --cache-dir");
        }

        try
        {
            // A probe file shows that the directory can be written, so a bad cache fails before any download.
            Directory.CreateDirectory(cacheDirectory);
            var probe = Path.Combine(cacheDirectory, $".distill-write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DistillException(
                $"cannot write the cache directory {cacheDirectory} ({error.Message.TrimEnd('.')}): pass a "
                + "writable directory with --cache-dir or DISTILL_CACHE_DIR", error);
        }

        return Path.GetFullPath(cacheDirectory);
    }
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;
}
