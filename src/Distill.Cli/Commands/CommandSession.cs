using System.CommandLine;
using Distill.Blobs;
using Distill.Building;
using Distill.Cli.Logging;
using Distill.Debian.Archive;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// What one command invocation shares: the logger chosen by --quiet and --verbose, the archive settings,
/// and the HTTP client. On a terminal, long steps show a live status line; elsewhere only log lines.
/// </summary>
public sealed class CommandSession : IDisposable
{
    private readonly ParseResult result;
    private readonly CommonOptions common;
    private readonly IAnsiConsole? terminal;
    private readonly TerminalProgress? progress;
    private readonly HttpClient http = new(new SocketsHttpHandler())
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private CommandSession(ParseResult result, CommonOptions common)
    {
        this.result = result;
        this.common = common;
        var quiet = result.GetValue(common.Quiet);
        var level = quiet ? LogLevel.Warning : result.GetValue(common.Verbose) ? LogLevel.Debug : LogLevel.Information;
        terminal = !quiet && !Console.IsErrorRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : null;
        Logger = new ConsoleLogger(level, terminal);
        progress = terminal is null ? null : new TerminalProgress(terminal);
    }

    public ILogger Logger { get; }

    public static CommandSession Start(ParseResult result, CommonOptions common) => new(result, common);

    /// <summary>
    /// Resolves the archive settings from the options. A mirror that the command line does not pass is the
    /// given default when there is one (a lock file's mirror), else from the environment or apt's sources.
    /// </summary>
    public ArchiveSettings ResolveSettings(string? defaultMirror = null, string? defaultSecurityMirror = null) =>
        ArchiveSettings.Resolve(
            result.GetValue(common.Mirror) ?? defaultMirror,
            result.GetValue(common.SecurityMirror) ?? defaultSecurityMirror,
            result.GetValue(common.Keyring),
            result.GetValue(common.CacheDir));

    public BlobStore Store(ArchiveSettings settings) => new(Path.Combine(settings.CacheDirectory, "blobs"));

    public BaseImageBuilder CreateBuilder(ArchiveSettings settings, IPackageSource source) =>
        new(source, Store(settings), new LayerCache(settings.CacheDirectory), Logger);

    /// <summary>Creates the client of the Debian archive that the settings name.</summary>
    public DebianArchive CreateArchive(ArchiveSettings settings)
    {
        Logger.LogDebug("Mirror {Mirror}, security mirror {SecurityMirror}, keyring {Keyring}, cache {Cache}",
            settings.Mirror, settings.SecurityMirror, settings.KeyringPath, settings.CacheDirectory);
        var options = new DebianArchiveOptions
        {
            Mirror = settings.Mirror,
            SecurityMirror = settings.SecurityMirror,
            KeyringPaths = [settings.KeyringPath],
            CacheDirectory = settings.CacheDirectory,
            Progress = progress,
        };
        return new DebianArchive(options, http, Logger);
    }

    /// <summary>Runs a step; on a terminal, under a live display of the step and its downloads.</summary>
    public async Task<T> RunWithProgressAsync<T>(string description, Func<Task<T>> step) =>
        progress is null ? await step() : await progress.RunAsync(description, step);

    public void Dispose() => http.Dispose();
}
