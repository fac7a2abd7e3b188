using System.Net;

namespace Distill.Registry;

/// <summary>
/// A registry request that failed. The message names the image reference, the HTTP status, the registry's
/// error code and message from its JSON error body when it sent one, and what to do.
/// </summary>
public class RegistryException : DistillException
{
    public RegistryException(string reference, HttpStatusCode? status, RegistryError? error, string advice,
        Exception? innerException = null)
        : base(Format(reference, status, error, advice), innerException!)
    {
        Reference = reference;
        Status = status;
        Error = error;
    }

    public string Reference { get; }

    public HttpStatusCode? Status { get; }

    public RegistryError? Error { get; }

    private static string Format(string reference, HttpStatusCode? status, RegistryError? error, string advice)
    {
        var statusText = status is { } code ? $"HTTP {(int)code} {code}" : "no response";
        var errorText = error is null ? "" : $", {error}";
        return $"Registry request for '{reference}' failed ({statusText}{errorText}). {advice}";
    }
}

/// <summary>The registry rejected the credentials, or it requires credentials and none were found.</summary>
public sealed class RegistryUnauthorizedException(string reference, HttpStatusCode status, RegistryError? error)
    : RegistryException(reference, status, error, "Unauthorized: pass --creds USER:PASSWORD, set "
        + $"{CredentialSource.UsernameVariable} and {CredentialSource.PasswordVariable}, or log in with docker "
        + "login, with an account that may pull (and push, for an output) this repository.");

/// <summary>The registry has no such repository, tag, manifest or blob.</summary>
public sealed class RegistryNotFoundException(string reference, RegistryError? error)
    : RegistryException(reference, HttpStatusCode.NotFound, error, "Not found: check the repository name and the "
        + "tag or digest, for example with 'distill inspect'.");

/// <summary>The registry could not be reached, or kept failing, after every retry.</summary>
public sealed class RegistryUnavailableException(
    string reference, HttpStatusCode? status, RegistryError? error, int attempts, Exception? innerException)
    : RegistryException(reference, status, error, $"The registry is unavailable after {attempts} attempts"
        + (innerException is null ? "" : $" ({innerException.Message})") + ". Check the host and port, and "
        + "for a registry without TLS on another host pass --insecure-registry HOST:PORT; then run the same "
        + "command again, which continues where it stopped.", innerException);
