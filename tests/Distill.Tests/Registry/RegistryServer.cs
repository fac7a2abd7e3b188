using System.Diagnostics;
using Distill.Tests.Layers;

namespace Distill.Tests.Registry;

/// <summary>How a test registry authenticates clients.</summary>
public enum RegistryAuth
{
    Anonymous,
    Htpasswd,
    Token,
}

/// <summary>
/// A docker-registry process (Debian's docker-registry package, distribution 2.8) on 127.0.0.1 and a free
/// port, with filesystem storage in a temporary directory. It is killed on dispose, and by a timer after
/// <see cref="MaxLifetime"/> in case a test run never disposes it.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Username = "distill-user";

    public const string Password = "secret-Passw0rd-4ab9";

    public const string Binary = "/usr/bin/docker-registry";

    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(20);

    private readonly TestDirectory directory = new();

    private readonly Process process;

    private readonly Timer lifetime;

    private RegistryServer(RegistryAuth auth, TokenServer? tokenServer)
    {
        Port = FreePort.Find();
        TokenServer = tokenServer;
        var config = directory.Combine("config.yml");
        File.WriteAllText(config, CreateConfig(auth));
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => Log.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lifetime = new Timer(_ => Kill(), null, MaxLifetime, Timeout.InfiniteTimeSpan);
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the host part of references to this registry.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public TokenServer? TokenServer { get; }

    public string StorageDirectory => directory.Combine("storage");

    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    public static async Task<RegistryServer> StartAsync(RegistryAuth auth)
    {
        var tokenServer = auth == RegistryAuth.Token ? TokenServer.Start(Username, Password) : null;
        var server = new RegistryServer(auth, tokenServer);
        await server.WaitUntilReadyAsync();
        return server;
    }

    public string Reference(string repository) => $"docker://{Host}/{repository}";

    public async ValueTask DisposeAsync()
    {
        await lifetime.DisposeAsync();
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        TokenServer?.Dispose();
        directory.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill.
        }
    }

    private string CreateConfig(RegistryAuth auth)
    {
        var authSection = auth switch
        {
            RegistryAuth.Htpasswd => $"""
                auth:
                  htpasswd:
                    realm: distill-test
                    path: {WriteHtpasswd()}
                """,
            RegistryAuth.Token => $"""
                auth:
                  token:
                    realm: {TokenServer!.Realm}
                    service: {TokenServer.Service}
                    issuer: {TokenServer.Issuer}
                    rootcertbundle: {TokenServer.WriteCertificate(directory.Combine("token.pem"))}
                """,
            _ => "",
        };
        return $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {StorageDirectory}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{Port}
              secret: distill-test-secret
            {authSection}
            """;
    }

    private string WriteHtpasswd()
    {
        var path = directory.Combine("htpasswd");
        var entry = ExternalTool.RunChecked("htpasswd", "-Bbn", Username, Password);
        File.WriteAllText(path, entry);
        return path;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited: {string.Join('\n', Log)}");
            }

            try
            {
                using var response = await http.GetAsync($"http://{Host}/v2/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"docker-registry did not answer on {Host}: {string.Join('\n', Log)}");
    }
}
