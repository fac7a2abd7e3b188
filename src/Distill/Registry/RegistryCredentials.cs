namespace Distill.Registry;

/// <summary>
/// A user name and password (or identity token) for a registry. <see cref="ToString"/> leaves the password
/// out, so that a credential written to a log by mistake shows no secret.
/// </summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>
    /// Parses "USER:PASSWORD", split at the first ":". Throws <see cref="DistillException"/> when the ":" or
    /// the user name is missing.
    /// </summary>
    public static RegistryCredentials Parse(string value, string source)
    {
        var colon = value.IndexOf(':');
        if (colon <= 0)
        {
            throw new DistillException($"Invalid credentials from {source}: expected USER:PASSWORD with a user "
                + "name before the first ':'.");
        }

        return new RegistryCredentials(value[..colon], value[(colon + 1)..]);
    }

    public override string ToString() => $"{Username}:***";
}
