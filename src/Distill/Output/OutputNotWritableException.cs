namespace Distill.Output;

/// <summary>An output whose directory or file cannot be created or written.</summary>
public sealed class OutputNotWritableException(OutputReference output, string reason, Exception innerException)
    : DistillException($"cannot write {output}: {reason.TrimEnd('.')}. Choose a path in a directory that you "
        + "can write to.", innerException)
{
    public OutputReference Output { get; } = output;
}
