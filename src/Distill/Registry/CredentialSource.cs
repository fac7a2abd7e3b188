namespace Distill.Registry;

/// <summary>
/// Finds the credentials for a registry host, in this order: the credentials given on the command line,
/// then DISTILL_REGISTRY_USERNAME and DISTILL_REGISTRY_PASSWORD, then the docker config.json. Returns null
/// (anonymous access) when none has any. Results are cached per host, so a helper runs once.
/// </summary>
public sealed class CredentialSource(RegistryCredentials? explicitCredentials, string? dockerConfigDirectory = null)
{
    public const string UsernameVariable = "DISTILL_REGISTRY_USERNAME";

    public const string PasswordVariable = "DISTILL_REGISTRY_PASSWORD";

    private readonly Dictionary<string, RegistryCredentials?> cache = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<RegistryCredentials?> GetAsync(string host, CancellationToken cancellationToken)
    {
        if (explicitCredentials is not null)
        {
            return explicitCredentials;
        }

        var username = Environment.GetEnvironmentVariable(UsernameVariable);
        if (!string.IsNullOrEmpty(username))
        {
            return new RegistryCredentials(username, Environment.GetEnvironmentVariable(PasswordVariable) ?? "");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!cache.TryGetValue(host, out var credentials))
            {
                var config = DockerConfig.Load(dockerConfigDirectory);
                credentials = config is null ? null : await config.GetCredentialsAsync(host, cancellationToken);
                cache[host] = credentials;
            }

            return credentials;
        }
        finally
        {
            gate.Release();
        }
    }
}
