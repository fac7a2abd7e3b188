using System.Diagnostics;
using System.Text.Json;

namespace Distill.Registry;

/// <summary>
/// Runs a docker credential helper, "docker-credential-NAME get", with the registry host on standard input.
/// The helper prints {"Username": ..., "Secret": ...}, or exits non-zero when it has no credentials.
/// </summary>
internal static class CredentialHelper
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Returns the helper's credentials for <paramref name="host"/>, or null when the helper reports that it
    /// has none. Throws <see cref="CredentialHelperException"/> when the helper cannot run or prints invalid
    /// output. The helper's output is never included in a message, since it contains the secret.
    /// </summary>
    public static async Task<RegistryCredentials?> GetAsync(string name, string host, CancellationToken cancellationToken)
    {
        var program = "docker-credential-" + name;
        var start = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CredentialHelperException(program, host, "it did not start");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new CredentialHelperException(program, host, $"it cannot be run ({error.Message})");
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(host);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new CredentialHelperException(program, host, $"it did not finish within {Timeout.TotalSeconds} s");
            }

            // Helpers report "credentials not found" on standard output with a non-zero exit code.
            if (process.ExitCode != 0)
            {
                var message = (await output + await error).Trim();
                return message.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : throw new CredentialHelperException(program, host, $"it exited with {process.ExitCode}");
            }

            return Parse(await output, program, host);
        }
    }

    private static RegistryCredentials Parse(string output, string program, string host)
    {
        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            var username = root.TryGetProperty("Username", out var user) ? user.GetString() : null;
            var secret = root.TryGetProperty("Secret", out var value) ? value.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                throw new CredentialHelperException(program, host, "its output has no \"Secret\"");
            }

            // NOTE: a helper returns the user "<token>" for an OAuth 2 identity token. Distill sends it as a Basic
            // password, which token servers that expect a refresh-token request reject.
            return new RegistryCredentials(username ?? "", secret);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new CredentialHelperException(program, host, "its output is not the expected JSON object");
        }
    }
}
