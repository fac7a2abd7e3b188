using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Distill.Cli.Logging;

/// <summary>
/// Writes log messages to standard error as plain lines, so that standard output carries only results
/// (the digests). On a terminal the lines go through Spectre.Console, which keeps them above a live
/// progress display.
/// </summary>
public sealed class ConsoleLogger(LogLevel minimumLevel, IAnsiConsole? terminal) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel && logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var prefix = logLevel switch
        {
            >= LogLevel.Error => "error: ",
            LogLevel.Warning => "warning: ",
            <= LogLevel.Debug => "debug: ",
            _ => "",
        };
        var line = prefix + formatter(state, exception);
        if (terminal is null)
        {
            Console.Error.WriteLine(line);
            return;
        }

        var style = logLevel switch
        {
            >= LogLevel.Warning => "yellow",
            <= LogLevel.Debug => "grey",
            _ => "default",
        };
        terminal.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
    }
}
