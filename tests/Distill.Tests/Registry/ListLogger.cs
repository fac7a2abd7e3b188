using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Distill.Tests.Registry;

/// <summary>A logger that keeps every message, and runs an optional callback for each.</summary>
public sealed class ListLogger(Action<string>? onMessage = null) : ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        Messages.Enqueue(message);
        onMessage?.Invoke(message);
    }
}
