namespace Distill.Images;

/// <summary>A value of an image config that the OCI image specification does not allow.</summary>
public sealed class InvalidImageConfigException(string field, string value, string reason)
    : DistillException($"Invalid {field} '{value}' in the image config: {reason}")
{
    public string Field { get; } = field;

    public string Value { get; } = value;
}
