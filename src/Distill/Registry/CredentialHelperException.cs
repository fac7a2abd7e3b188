namespace Distill.Registry;

/// <summary>A docker credential helper that is missing, failed, or printed something other than credentials.</summary>
public sealed class CredentialHelperException(string helper, string host, string reason)
    : DistillException($"The credential helper '{helper}' failed for the registry '{host}': {reason}. Check that "
        + $"'{helper}' is installed and logged in, or pass --creds USER:PASSWORD.")
{
    public string Helper { get; } = helper;
}
