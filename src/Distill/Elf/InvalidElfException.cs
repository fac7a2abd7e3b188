namespace Distill.Elf;

/// <summary>Why a file could not be read as ELF.</summary>
public enum InvalidElfReason
{
    /// <summary>The file does not start with the ELF magic bytes 0x7F 'E' 'L' 'F'.</summary>
    NotElf,

    /// <summary>The file ends inside the ELF header, the program header table or a segment.</summary>
    Truncated,

    /// <summary>A field contains a value that the ELF specification or the kernel does not allow.</summary>
    Malformed,
}

/// <summary>A file that is not ELF, is truncated, or is malformed. <see cref="FileName"/> names the file.</summary>
public sealed class InvalidElfException : DistillException
{
    public InvalidElfException(string fileName, InvalidElfReason reason, string problem)
        : base($"cannot read ELF file '{fileName}': {problem}. " +
            "Check that the file is a complete executable or shared library for Linux.")
    {
        FileName = fileName;
        Reason = reason;
        Problem = problem;
    }

    public string FileName { get; }

    public InvalidElfReason Reason { get; }

    /// <summary>The problem alone, without the file name and advice.</summary>
    public string Problem { get; }
}
