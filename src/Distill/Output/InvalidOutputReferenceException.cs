namespace Distill.Output;

/// <summary>An output reference, name or tag that Distill cannot write to.</summary>
public sealed class InvalidOutputReferenceException(string value, string reason)
    : DistillException($"Invalid output reference '{value}': {reason}")
{
    public string Value { get; } = value;
}
