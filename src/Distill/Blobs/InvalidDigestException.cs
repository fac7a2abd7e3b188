namespace Distill.Blobs;

/// <summary>A digest string that is not of the form "sha256:" followed by 64 lowercase hexadecimal digits.</summary>
public sealed class InvalidDigestException(string value, string reason)
    : DistillException($"Invalid digest '{value}': {reason}. Expected 'sha256:' followed by 64 lowercase "
        + "hexadecimal digits.")
{
    public string Value { get; } = value;
}
