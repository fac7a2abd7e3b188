namespace Distill.Content;

/// <summary>A binary in which no valid busybox applet name table was found.</summary>
public sealed class BusyboxAppletsNotFoundException : DistillException
{
    public BusyboxAppletsNotFoundException(string problem)
        : base(
            $"cannot read the applet list from the busybox binary: {problem}. " +
            "Check that the file is busybox from the busybox-static package, not a wrapper or another program.")
    {
    }
}
