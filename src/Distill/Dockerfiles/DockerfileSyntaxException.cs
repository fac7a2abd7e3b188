namespace Distill.Dockerfiles;

/// <summary>A Dockerfile that Docker would reject before building, such as an unknown instruction.</summary>
public sealed class DockerfileSyntaxException(int line, string message)
    : DistillException($"line {line}: {message}")
{
    public int Line { get; } = line;
}
