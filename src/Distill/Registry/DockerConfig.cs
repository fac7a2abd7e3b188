using System.Text;
using System.Text.Json;

namespace Distill.Registry;

/// <summary>
/// The registry credentials of a docker config.json: "auths" entries with a base64 "USER:PASSWORD" in
/// "auth" (or "username" and "password"), "credHelpers" naming a helper per host, and "credsStore" naming
/// the helper for every other host.
/// </summary>
public sealed class DockerConfig
{
    private readonly JsonElement root;

    private DockerConfig(string path, JsonElement root)
    {
        Path = path;
        this.root = root;
    }

    public string Path { get; }

    /// <summary>
    /// Returns the config.json in $DOCKER_CONFIG, else in ~/.docker, or null when that file does not exist.
    /// Throws <see cref="DistillException"/> when the file is not valid JSON.
    /// </summary>
    public static DockerConfig? Load(string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var path = System.IO.Path.Combine(directory, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return new DockerConfig(path, document.RootElement.Clone());
        }
        catch (JsonException error)
        {
            throw new DistillException($"Invalid docker config file '{path}': it is not valid JSON "
                + $"({error.Message}). Repair it, or point DOCKER_CONFIG at another directory.", error);
        }
    }

    /// <summary>
    /// Returns the credentials for <paramref name="host"/>: from its credential helper when "credHelpers" or
    /// "credsStore" names one, else from its "auths" entry, else null.
    /// </summary>
    public async Task<RegistryCredentials?> GetCredentialsAsync(string host, CancellationToken cancellationToken)
    {
        var helper = FindHelper(host);
        if (helper is not null)
        {
            return await CredentialHelper.GetAsync(helper, host, cancellationToken);
        }

        return FindAuth(host);
    }

    private string? FindHelper(string host)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("credHelpers", out var helpers)
            && helpers.ValueKind == JsonValueKind.Object
            && helpers.TryGetProperty(host, out var helper)
            && helper.ValueKind == JsonValueKind.String)
        {
            return helper.GetString();
        }

        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("credsStore", out var store)
            && store.ValueKind == JsonValueKind.String
            && store.GetString() is { Length: > 0 } name
                ? name
                : null;
    }

    /// <summary>Finds the "auths" entry whose key is the host, or a URL whose host part is the host.</summary>
    private RegistryCredentials? FindAuth(string host)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("auths", out var auths)
            || auths.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            if (NormalizeKey(entry.Name).Equals(host, StringComparison.OrdinalIgnoreCase)
                && entry.Value.ValueKind == JsonValueKind.Object)
            {
                return ReadEntry(entry.Value, entry.Name);
            }
        }

        return null;
    }

    /// <summary>Turns a key such as "https://registry.example/v1/" into "registry.example".</summary>
    private static string NormalizeKey(string key)
    {
        var withoutScheme = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://") + 3)..] : key;
        var slash = withoutScheme.IndexOf('/');
        return slash >= 0 ? withoutScheme[..slash] : withoutScheme;
    }

    private RegistryCredentials? ReadEntry(JsonElement entry, string key)
    {
        if (entry.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException error)
            {
                throw new DistillException($"Invalid docker config file '{Path}': the \"auth\" of '{key}' is not "
                    + "base64. Log in again with docker login, or repair the entry.", error);
            }

            return RegistryCredentials.Parse(decoded, $"the \"auth\" of '{key}' in '{Path}'");
        }

        if (entry.TryGetProperty("username", out var user) && entry.TryGetProperty("password", out var password)
            && user.GetString() is { Length: > 0 } username)
        {
            return new RegistryCredentials(username, password.GetString() ?? "");
        }

        return null;
    }
}
