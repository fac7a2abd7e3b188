namespace Distill.Registry;

/// <summary>Settings of a <see cref="RegistryClient"/>.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Hosts, with or without ":PORT", reached over plain HTTP although they are not loopback.</summary>
    public IReadOnlyCollection<string> InsecureHosts { get; init; } = [];

    /// <summary>Credentials for every host, such as from --creds; null looks them up per host.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>The directory of docker's config.json; null means $DOCKER_CONFIG or ~/.docker.</summary>
    public string? DockerConfigDirectory { get; init; }

    /// <summary>The number of blobs uploaded at the same time.</summary>
    public int MaxParallelUploads { get; init; } = 3;

    /// <summary>Attempts per operation, the first included, before a transient failure is reported.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before the second attempt, doubled for each attempt after it.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Blobs up to this size in bytes are uploaded with one PUT; larger ones in PATCH requests of this size.
    /// </summary>
    public long ChunkSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>The time limit of one HTTP request, the transfer of its body included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
