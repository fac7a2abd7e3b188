namespace Distill.Output;

/// <summary>An output whose directory or file cannot be created or written.</summary>
public sealed class OutputNotWritableException : DistillException
{
    public OutputNotWritableException(OutputReference output, string reason)
        : base(Format(output, reason))
    {
        Output = output;
    }

    public OutputNotWritableException(OutputReference output, string reason, Exception innerException)
        : base(Format(output, reason), innerException)
    {
        Output = output;
    }

    public OutputReference Output { get; }

    private static string Format(OutputReference output, string reason) =>
        $"cannot write {output}: {reason.TrimEnd('.')}. Choose a path in a directory that you can write to.";
}
