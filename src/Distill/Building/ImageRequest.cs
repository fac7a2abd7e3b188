namespace Distill.Building;

/// <summary>What to build: one base image of the distroless family, for one or more platforms.</summary>
public sealed record ImageRequest(
    BaseImage Image,
    Distro Distro,
    IReadOnlyList<Platform> Platforms,
    bool Nonroot,
    bool Debug,
    DateTimeOffset Created)
{
    /// <summary>
    /// Returns the creation time of reproducible builds: SOURCE_DATE_EPOCH when the environment sets it,
    /// else the Unix epoch, so that the time of a build never changes a digest.
    /// </summary>
    public static DateTimeOffset CreatedFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(value))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (!long.TryParse(value, out var seconds) || seconds < 0)
        {
            throw new DistillException(
                $"invalid SOURCE_DATE_EPOCH '{value}': it must be a whole number of seconds since 1970-01-01 UTC");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    public string Describe() =>
        BaseImageCatalog.NameOf(Image) + (Nonroot ? ":nonroot" : "") + (Debug ? " (debug)" : "") + $" {Distro}";
}
