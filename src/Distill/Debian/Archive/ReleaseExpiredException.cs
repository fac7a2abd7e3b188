namespace Distill.Debian.Archive;

/// <summary>Thrown when a Release file's Valid-Until date has passed.</summary>
public sealed class ReleaseExpiredException : DistillException
{
    public ReleaseExpiredException(string source, DateTimeOffset validUntil, DateTimeOffset now)
        : base($"{source} expired: it is valid until {validUntil:yyyy-MM-dd HH:mm:ss} UTC, and the time is now "
            + $"{now.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC. The mirror is stale or this machine's clock is wrong; "
            + "use an up-to-date mirror with --mirror, or correct the clock")
    {
        Location = source;
        ValidUntil = validUntil;
    }

    /// <summary>The URL or path of the expired file.</summary>
    public string Location { get; }

    public DateTimeOffset ValidUntil { get; }
}
