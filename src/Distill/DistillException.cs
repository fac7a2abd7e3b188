namespace Distill;

/// <summary>
/// A failure the user can act on: bad input, an unreachable mirror, a digest or signature that does not
/// match. The message names the value, what is wrong and what to do; the command line prints it alone,
/// without a stack trace, and exits non-zero.
/// </summary>
public class DistillException : Exception
{
    public DistillException(string message)
        : base(message)
    {
    }

    public DistillException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
