using System.CommandLine;
using Distill.Blobs;
using Distill.Registry;
using Microsoft.Extensions.Logging;

namespace Distill.Cli.Commands;

/// <summary>Options of the commands that read from or push to registries.</summary>
public sealed class RegistryOptions
{
    public Option<string?> Credentials { get; } = new("--creds")
    {
        Description = "registry credentials USER:PASSWORD for every registry (default: "
            + $"${CredentialSource.UsernameVariable} and ${CredentialSource.PasswordVariable}, else docker's "
            + "config.json and credential helpers, else anonymous)",
    };

    public Option<string[]> InsecureRegistries { get; } = new("--insecure-registry")
    {
        Description = "registry HOST[:PORT] to reach over plain HTTP, repeatable (loopback hosts always are)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Credentials);
        command.Options.Add(InsecureRegistries);
    }

    public RegistryClient CreateClient(ParseResult result, ILogger logger)
    {
        var credentials = result.GetValue(Credentials) is { } value
            ? RegistryCredentials.Parse(value, "--creds")
            : null;
        var options = new RegistryClientOptions
        {
            Credentials = credentials,
            InsecureHosts = result.GetValue(InsecureRegistries) ?? [],
        };
        return new RegistryClient(options, logger);
    }

    /// <summary>
    /// Opens the blob store in the cache directory that builds use: --cache-dir, else $DISTILL_CACHE_DIR, else
    /// $XDG_CACHE_HOME/distill or ~/.cache/distill.
    /// </summary>
    public static BlobStore OpenStore(ParseResult result, CommonOptions common)
    {
        var directory = result.GetValue(common.CacheDir)
            ?? (Environment.GetEnvironmentVariable("DISTILL_CACHE_DIR") is { Length: > 0 } configured ? configured : null)
            ?? Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "distill");
        return new BlobStore(Path.Combine(directory, "blobs"));
    }
}
