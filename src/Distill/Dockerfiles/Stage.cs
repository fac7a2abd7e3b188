namespace Distill.Dockerfiles;

/// <summary>
/// A build stage: the FROM instruction, the image name after ARG substitution, the stage it starts from
/// when the name refers to an earlier stage, and the instructions after FROM up to the next FROM.
/// </summary>
public sealed record Stage(
    int Index,
    string? Name,
    string ImageName,
    string? Platform,
    Instruction From,
    Stage? Parent,
    StageBase Base,
    IReadOnlyList<Instruction> Instructions,
    IReadOnlyDictionary<string, string?> GlobalArguments);
