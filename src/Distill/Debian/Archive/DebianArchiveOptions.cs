namespace Distill.Debian.Archive;

/// <summary>Where <see cref="DebianArchive"/> downloads from, what it trusts and where it caches.</summary>
public sealed class DebianArchiveOptions
{
    /// <summary>The base URL of a Debian mirror, serving CODENAME and CODENAME-updates under dists/.</summary>
    public required Uri Mirror { get; init; }

    /// <summary>The base URL of a Debian security mirror, serving CODENAME-security under dists/.</summary>
    public required Uri SecurityMirror { get; init; }

    /// <summary>Keyring files (binary .gpg or armored .asc) holding the keys that may sign InRelease.</summary>
    public required IReadOnlyList<string> KeyringPaths { get; init; }

    /// <summary>The directory for downloaded indexes and .debs, created when missing.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The archive component to read.</summary>
    public string Component { get; init; } = "main";

    /// <summary>
    /// How long a request may wait for the response headers, or between two reads of the body, before
    /// it is abandoned and retried.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request, counting the first, for connection errors, timeouts and 5xx responses.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry, doubled before each later one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock for Valid-Until and key expiry checks.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where download progress goes, or null for none.</summary>
    public IDownloadProgress? Progress { get; init; }
}
