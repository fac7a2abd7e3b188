namespace Distill.Debian.Archive;

/// <summary>
/// Thrown when an InRelease file is not a valid clear-signed message or carries no valid signature from a
/// key in the keyring.
/// </summary>
public sealed class SignatureVerificationException : DistillException
{
    public SignatureVerificationException(string location, string message)
        : this(location, message, [])
    {
    }

    public SignatureVerificationException(string location, string message, IReadOnlyList<string> keyIds)
        : base(message)
    {
        Location = location;
        KeyIds = keyIds;
    }

    /// <summary>The URL or path of the file whose signature failed.</summary>
    public string Location { get; }

    /// <summary>The ids of the keys that made the file's signatures, as 16 uppercase hex digits.</summary>
    public IReadOnlyList<string> KeyIds { get; }
}
