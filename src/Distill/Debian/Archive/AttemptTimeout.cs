namespace Distill.Debian.Archive;

/// <summary>
/// A cancellation token that fires when the caller cancels or when a request makes no progress for the
/// timeout; <see cref="Restart"/> starts the timeout again after each read.
/// </summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly TimeSpan timeout;

    public AttemptTimeout(TimeSpan timeout, CancellationToken cancellationToken)
    {
        this.timeout = timeout;
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
    }

    public CancellationToken Token => source.Token;

    public void Restart() => source.CancelAfter(timeout);

    public void Dispose() => source.Dispose();
}
