using Distill.Debian.Archive;
using Spectre.Console;

namespace Distill.Cli.Logging;

/// <summary>
/// Shows each download as a progress bar while a step runs on a terminal. Downloads that start before or
/// after the live display are not shown, which only loses the bar, never the download.
/// </summary>
public sealed class TerminalProgress(IAnsiConsole terminal) : IDownloadProgress
{
    private ProgressContext? context;

    /// <summary>Runs a step under a live display with a bar per download, its log lines scrolling above.</summary>
    public async Task<T> RunAsync<T>(string description, Func<Task<T>> step)
    {
        return await terminal.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn())
            .StartAsync(async progressContext =>
            {
                terminal.MarkupLine(Markup.Escape(description));
                context = progressContext;
                try
                {
                    return await step();
                }
                finally
                {
                    context = null;
                }
            });
    }

    public IDownloadProgressTask Begin(string name, long totalBytes)
    {
        var task = context?.AddTask(Markup.Escape(name), maxValue: Math.Max(totalBytes, 1));
        return new Download(task);
    }

    private sealed class Download(ProgressTask? task) : IDownloadProgressTask
    {
        public void Advance(long bytes) => task?.Increment(bytes);

        public void Dispose() => task?.StopTask();
    }
}
