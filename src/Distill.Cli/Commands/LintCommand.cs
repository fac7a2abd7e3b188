using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Dockerfiles;

namespace Distill.Cli.Commands;

/// <summary>`distill lint FILE`: checks a Dockerfile for instructions that cannot work on a distroless base.</summary>
public sealed class LintCommand
{
    /// <summary>The exit code when a finding is an error.</summary>
    public const int ErrorsExitCode = 1;

    /// <summary>The exit code when the file cannot be read or parsed, or the command line is invalid.</summary>
    public const int InvalidInputExitCode = 2;

    private readonly Argument<string> file = new("file")
    {
        Description = "the Dockerfile to check, or - for standard input",
    };

    private readonly Option<string> format = new("--format")
    {
        Description = "the output format: text (FILE:LINE:COLUMN: SEVERITY RULE: MESSAGE per line) or json",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string[]> buildArguments = new("--build-arg")
    {
        Description = "NAME=VALUE, repeatable: a build argument, as for docker build, used when FROM names an ARG",
    };

    public Command Create()
    {
        var command = new Command("lint",
            "Check a Dockerfile for instructions that cannot run on a distroless base. Exits with 0 when there is "
            + "no error (warnings alone give 0), 1 when there is an error, and 2 when the file cannot be read or "
            + "parsed.")
        {
            file, format, buildArguments,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var path = result.GetValue(file)!;
        var outputFormat = result.GetValue(format);
        if (outputFormat is not ("text" or "json"))
        {
            Console.Error.WriteLine($"distill: error: invalid --format '{outputFormat}': use text or json");
            return InvalidInputExitCode;
        }

        var arguments = ParseBuildArguments(result.GetValue(buildArguments) ?? []);
        if (arguments is null)
        {
            return InvalidInputExitCode;
        }

        IReadOnlyList<LintFinding> findings;
        try
        {
            var text = path == "-"
                ? await Console.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(path, cancellationToken);
            findings = DockerfileLinter.Lint(DockerfileParser.Parse(text), arguments);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var reason = error is FileNotFoundException or DirectoryNotFoundException ? "no such file" : error.Message;
            Console.Error.WriteLine($"distill: error: cannot read {path}: {reason}");
            return InvalidInputExitCode;
        }
        catch (DockerfileSyntaxException error)
        {
            Console.Error.WriteLine($"distill: error: {path}:{error.Line}: {error.Message}");
            return InvalidInputExitCode;
        }

        Console.Out.Write(outputFormat == "json" ? FormatJson(path, findings) : FormatText(path, findings));
        return findings.Any(finding => finding.Severity == LintSeverity.Error) ? ErrorsExitCode : 0;
    }

    /// <summary>Returns the NAME=VALUE pairs as a dictionary, or null after printing an error for a bad one.</summary>
    private static Dictionary<string, string>? ParseBuildArguments(string[] values)
    {
        var arguments = new Dictionary<string, string>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=');
            if (equals <= 0)
            {
                Console.Error.WriteLine($"distill: error: invalid --build-arg '{value}': write it as NAME=VALUE");
                return null;
            }

            arguments[value[..equals]] = value[(equals + 1)..];
        }

        return arguments;
    }

    private static string FormatText(string path, IReadOnlyList<LintFinding> findings) =>
        string.Concat(findings.Select(finding =>
            $"{path}:{finding.Line}:{finding.Column}: {SeverityName(finding)} {finding.Rule}: {finding.Message}\n"));

    private static string FormatJson(string path, IReadOnlyList<LintFinding> findings)
    {
        var array = new JsonArray();
        foreach (var finding in findings)
        {
            array.Add(new JsonObject
            {
                ["file"] = path,
                ["line"] = finding.Line,
                ["column"] = finding.Column,
                ["rule"] = finding.Rule,
                ["severity"] = SeverityName(finding),
                ["message"] = finding.Message,
            });
        }

        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return array.ToJsonString(options) + "\n";
    }

    private static string SeverityName(LintFinding finding) =>
        finding.Severity == LintSeverity.Error ? "error" : "warning";
}
