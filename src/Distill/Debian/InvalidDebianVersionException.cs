namespace Distill.Debian;

/// <summary>Thrown when a text is not a valid Debian package version.</summary>
public sealed class InvalidDebianVersionException : FormatException
{
    public InvalidDebianVersionException(string version, string reason)
        : base($"invalid Debian version '{version}': {reason}; "
            + "expected [epoch:]upstream_version[-debian_revision] as Debian policy 5.6.12 defines it")
    {
        Version = version;
    }

    /// <summary>The text that failed to parse.</summary>
    public string Version { get; }
}
