using System.CommandLine;
using Distill.Applications;

namespace Distill.Cli.Commands;

/// <summary>The options of `distill build` that put an application on the base image.</summary>
public sealed class ApplicationOptions
{
    private readonly Option<string[]> add = new("--add")
    {
        Description = "add a host file or directory (recursively, with its symbolic links), repeatable: "
            + "SRC:DEST[:MODE[:UID:GID]]. DEST is absolute in the image; MODE (octal) replaces the host's mode "
            + "of SRC itself; UID:GID owns everything added (default 0:0)",
        HelpName = "SRC:DEST",
    };

    private readonly Option<string?> entrypoint = new("--entrypoint")
    {
        Description = "the entrypoint in exec form: a JSON array such as '[\"/app/server\",\"8080\"]', or one "
            + "program path without spaces",
        HelpName = "JSON",
    };

    private readonly Option<string?> cmd = new("--cmd")
    {
        Description = "the cmd (arguments of the entrypoint) in exec form: a JSON array, or one word",
        HelpName = "JSON",
    };

    private readonly Option<string[]> env = new("--env")
    {
        Description = "set an environment variable, repeatable: NAME=value, replacing the base's value",
        HelpName = "NAME=VALUE",
    };

    private readonly Option<string?> workdir = new("--workdir") { Description = "the absolute working directory" };

    private readonly Option<string?> user = new("--user")
    {
        Description = "the user the container runs as: UID, UID:GID, or a name in /etc/passwd",
    };

    private readonly Option<string[]> ports = new("--port")
    {
        Description = "expose a port, repeatable: PORT[/tcp|/udp|/sctp], TCP when no protocol is given",
    };

    private readonly Option<string[]> labels = new("--label")
    {
        Description = "set an image config label, repeatable: KEY=VALUE",
    };

    private readonly Option<string[]> annotations = new("--annotation")
    {
        Description = "set a manifest annotation, repeatable: KEY=VALUE",
    };

    private readonly Option<string[]> volumes = new("--volume")
    {
        Description = "declare a volume, repeatable: an absolute path in the image",
    };

    private readonly Option<string?> stopSignal = new("--stop-signal")
    {
        Description = "the signal that stops the container, such as SIGTERM",
    };

    private readonly Option<bool> noCheck = new("--no-check")
    {
        Description = "log problems of the entrypoint program (missing, not executable, missing interpreter or "
            + "library, wrong architecture) as warnings instead of failing the build",
    };

    public void AddTo(Command command)
    {
        Option[] all =
            [add, entrypoint, cmd, env, workdir, user, ports, labels, annotations, volumes, stopSignal, noCheck];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Returns the application the options describe on top of <paramref name="fromSpec"/>, an image spec's
    /// application. Options of one value replace the spec's, --env, --label and --annotation replace the
    /// spec's value of the same name, and the other repeatable options add to the spec's lists.
    /// </summary>
    public ApplicationSpec CreateSpec(ParseResult result, ApplicationSpec? fromSpec = null)
    {
        var spec = fromSpec ?? new ApplicationSpec();
        return spec with
        {
            Added = [.. spec.Added, .. (result.GetValue(add) ?? []).Select(AddedPath.Parse)],
            Entrypoint = result.GetValue(entrypoint) is { } entrypointValue
                ? ExecForm.Parse("--entrypoint", entrypointValue)
                : spec.Entrypoint,
            Cmd = result.GetValue(cmd) is { } cmdValue ? ExecForm.Parse("--cmd", cmdValue) : spec.Cmd,
            Env = [.. spec.Env, .. (result.GetValue(env) ?? []).Select(value => CheckEnv(value))],
            WorkingDir = result.GetValue(workdir) ?? spec.WorkingDir,
            User = result.GetValue(user) ?? spec.User,
            ExposedPorts = [.. spec.ExposedPorts, .. result.GetValue(ports) ?? []],
            Labels = Override(spec.Labels, ParsePairs("--label", result.GetValue(labels))),
            Annotations = Override(spec.Annotations, ParsePairs("--annotation", result.GetValue(annotations))),
            Volumes = [.. spec.Volumes, .. result.GetValue(volumes) ?? []],
            StopSignal = result.GetValue(stopSignal) ?? spec.StopSignal,
            SkipChecks = result.GetValue(noCheck) || spec.SkipChecks,
        };
    }

    private static Dictionary<string, string> Override(
        IReadOnlyDictionary<string, string> values, Dictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static Dictionary<string, string> ParsePairs(string option, string[]? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var (key, text) = CheckPair(option, value);
            pairs[key] = text;
        }

        return pairs;
    }

    private static string CheckEnv(string value)
    {
        CheckPair("--env", value);
        return value;
    }

    private static (string Key, string Value) CheckPair(string option, string value)
    {
        var equals = value.IndexOf('=');
        if (equals <= 0)
        {
            throw new DistillException($"invalid {option} '{value}': write it as KEY=VALUE with a non-empty KEY");
        }

        return (value[..equals], value[(equals + 1)..]);
    }
}
