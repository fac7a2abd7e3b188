namespace Distill.Debian.Archive;

/// <summary>Thrown when a keyring file is missing, unreadable or contains no OpenPGP public keys.</summary>
public sealed class KeyringException : DistillException
{
    public KeyringException(string message)
        : base(message)
    {
    }

    public KeyringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
