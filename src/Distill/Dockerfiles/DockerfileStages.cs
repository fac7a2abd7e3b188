using System.Text.RegularExpressions;

namespace Distill.Dockerfiles;

/// <summary>
/// Splits a Dockerfile into its build stages. ARG instructions before the first FROM declare global
/// arguments, which FROM can use (FROM ${BASE}:${TAG}); build arguments override their defaults. A FROM
/// that names an earlier stage (case-insensitively, as Docker compares stage names) starts from that stage.
/// </summary>
public static partial class DockerfileStages
{
    /// <summary>
    /// The platform arguments that BuildKit defines in the global scope without an ARG instruction. Their
    /// values depend on the build machine, so here they are unset unless given as build arguments.
    /// </summary>
    private static readonly IReadOnlySet<string> PlatformArguments = new HashSet<string>
    {
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    };

    public static IReadOnlyList<Stage> Split(
        Dockerfile dockerfile, IReadOnlyDictionary<string, string>? buildArguments = null)
    {
        buildArguments ??= new Dictionary<string, string>();
        var globalArguments = new Dictionary<string, string?>();
        var stages = new List<Stage>();
        var instructions = dockerfile.Instructions;
        var index = 0;

        for (; index < instructions.Count && instructions[index].Keyword != "FROM"; index++)
        {
            var instruction = instructions[index];
            if (instruction.Keyword != "ARG")
            {
                throw new DockerfileSyntaxException(instruction.Line,
                    $"{instruction.Keyword} comes before the first FROM, where only ARG is allowed: "
                    + "move it after FROM");
            }

            var expander = new VariableExpander(
                name => Lookup(globalArguments, buildArguments, name), dockerfile.EscapeCharacter);
            foreach (var (name, value) in ArgumentDeclarations.Parse(instruction, expander))
            {
                globalArguments[name] = buildArguments.TryGetValue(name, out var given) ? given : value;
            }
        }

        if (index == instructions.Count)
        {
            throw new DockerfileSyntaxException(Math.Max(1, instructions.LastOrDefault()?.Line ?? 1),
                "the Dockerfile has no FROM instruction: add FROM IMAGE to start a stage");
        }

        while (index < instructions.Count)
        {
            var from = instructions[index++];
            var body = new List<Instruction>();
            for (; index < instructions.Count && instructions[index].Keyword != "FROM"; index++)
            {
                body.Add(instructions[index]);
            }

            stages.Add(CreateStage(dockerfile, from, body, stages, globalArguments, buildArguments));
        }

        return stages;
    }

    private static Stage CreateStage(
        Dockerfile dockerfile,
        Instruction from,
        List<Instruction> body,
        List<Stage> earlier,
        Dictionary<string, string?> globalArguments,
        IReadOnlyDictionary<string, string> buildArguments)
    {
        var flags = InstructionFlags.Parse(from.Arguments);
        var words = flags.Rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var hasAs = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase);
        if (words.Length != 1 && !hasAs)
        {
            throw new DockerfileSyntaxException(from.Line,
                $"FROM {flags.Rest} is invalid: write FROM IMAGE or FROM IMAGE AS NAME");
        }

        var expander = new VariableExpander(
            name => Lookup(globalArguments, buildArguments, name), dockerfile.EscapeCharacter);
        var imageName = Expand(expander, words[0], from);
        if (imageName.Length == 0)
        {
            throw new DockerfileSyntaxException(from.Line,
                $"FROM {words[0]} expands to an empty image name: give {string.Join(", ", expander.Unset)} a default "
                + "in an ARG before the first FROM, or pass it with --build-arg");
        }

        var name = words.Length == 3 ? words[2].ToLowerInvariant() : null;
        if (name is not null && !StageNamePattern().IsMatch(name))
        {
            throw new DockerfileSyntaxException(from.Line,
                $"invalid stage name '{words[2]}': a name starts with a letter and contains only letters, digits, "
                + "'-', '_' and '.'");
        }

        var platform = flags.Get("platform") is { } value ? Expand(expander, value, from) : null;
        var parent = earlier.LastOrDefault(stage => stage.Name == imageName.ToLowerInvariant());
        var stageBase = parent?.Base ?? StageBase.Classify(imageName);
        return new Stage(earlier.Count, name, imageName, platform, from, parent, stageBase, body, globalArguments);
    }

    private static string Expand(VariableExpander expander, string word, Instruction instruction)
    {
        try
        {
            return expander.Expand(word);
        }
        catch (FormatException error)
        {
            throw new DockerfileSyntaxException(instruction.Line, $"{instruction.Keyword} {word}: {error.Message}");
        }
    }

    private static string? Lookup(
        Dictionary<string, string?> globalArguments, IReadOnlyDictionary<string, string> buildArguments, string name)
    {
        if (globalArguments.TryGetValue(name, out var value))
        {
            return value;
        }

        return PlatformArguments.Contains(name) && buildArguments.TryGetValue(name, out var given) ? given : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-_.]*$")]
    private static partial Regex StageNamePattern();
}
