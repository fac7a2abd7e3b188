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
            ? AptSources.DeriveSecurityMirror(mirrorUri)
            : ParseUrl(securityMirror, "--security-mirror");
        return (mirrorUri, securityUri);
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

        try
        {
            Directory.CreateDirectory(cacheDirectory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DistillException(
                $"cannot create the cache directory {cacheDirectory}: {error.Message}. Pass a writable one with "
                + "--cache-dir", error);
        }

        return Path.GetFullPath(cacheDirectory);
    }
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string? value) => string.IsNullOrEmpty(value) ? null : value;
}
