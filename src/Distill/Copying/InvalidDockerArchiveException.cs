namespace Distill.Copying;

/// <summary>A docker-archive tar that cannot be read as an image.</summary>
public sealed class InvalidDockerArchiveException(string file, string reason)
    : DistillException($"Invalid docker archive '{file}': {reason}. Give a tar written by 'docker save', "
        + "'podman save' or Distill.")
{
    public string File { get; } = file;
}
