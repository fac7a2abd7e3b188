using System.CommandLine;
using Distill.Cli.Commands;

namespace Distill.Cli;

/// <summary>The command tree of `distill`, and how failures become messages and exit codes.</summary>
public static class DistillCommandLine
{
    public const int FailureExitCode = 1;
    public const int CanceledExitCode = 130;

    public static RootCommand Create()
    {
        var root = new RootCommand("Distill builds distroless container images from the Debian archive.");
        root.Subcommands.Add(new BuildCommand().Create());
        root.Subcommands.Add(new CopyCommand().Create());
        root.Subcommands.Add(new DiffCommand().Create());
        root.Subcommands.Add(new InspectCommand().Create());
        root.Subcommands.Add(new LintCommand().Create());
        root.Subcommands.Add(new LockCommand().Create());
        root.Subcommands.Add(new SbomCommand().Create());
        return root;
    }

    /// <summary>
    /// Runs a command line. Each parse error, such as a missing option, and each error the user can act on
    /// prints one "distill: error:" line on standard error. Any other exception prints in full, because it is
    /// a bug in Distill.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            var parseResult = Create().Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                return ReportParseErrors(parseResult);
            }

            return await parseResult.InvokeAsync(configuration);
        }
        catch (DistillException error)
        {
            Console.Error.WriteLine($"distill: error: {AsClause(error.Message)}");
            return FailureExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("distill: canceled");
            return CanceledExitCode;
        }
    }

    /// <summary>
    /// Prints each parse error on its own line, in place of System.CommandLine's default of the errors
    /// followed by the whole help text, and returns the failure exit code of the command.
    /// </summary>
    private static int ReportParseErrors(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command is RootCommand
            ? "distill"
            : $"distill {parseResult.CommandResult.Command.Name}";
        foreach (var error in parseResult.Errors)
        {
            Console.Error.WriteLine($"distill: error: {AsClause(error.Message)} Run '{command} --help' for the usage.");
        }

        // lint keeps 1 for "the Dockerfile has errors", so its invalid command lines exit with 2.
        return parseResult.CommandResult.Command.Name == "lint" ? LintCommand.InvalidInputExitCode : FailureExitCode;
    }

    /// <summary>
    /// Lowercases the first letter of a message that follows "distill: error:", so that every error reads in
    /// one voice whichever library wrote it. A leading acronym or name ("SHA-256", "OCI") is left alone.
    /// </summary>
    public static string AsClause(string message)
    {
        var firstWord = message.Split(' ')[0];
        var isWord = firstWord.Length > 1
            ? char.IsUpper(firstWord[0]) && firstWord.Skip(1).All(char.IsLower)
            : firstWord == "A" && message.Length > 1;
        return isWord ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }
}
