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
        root.Subcommands.Add(new InspectCommand().Create());
        return root;
    }

    /// <summary>
    /// Runs a command line. An error the user can act on prints its message alone on standard error; any
    /// other exception prints in full, because it is a bug in Distill.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await Create().Parse(args).InvokeAsync(configuration);
        }
        catch (DistillException error)
        {
            Console.Error.WriteLine($"distill: error: {error.Message}");
            return FailureExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("distill: canceled");
            return CanceledExitCode;
        }
    }
}
