namespace Distill.Elf;

/// <summary>A file that starts with "#!" but whose first line the kernel cannot execute.</summary>
public sealed class InvalidScriptException : DistillException
{
    public InvalidScriptException(string fileName, string problem)
        : base($"cannot read the interpreter of script '{fileName}': {problem}. " +
            "Fix the first line to read \"#!/path/to/interpreter [argument]\".")
    {
        FileName = fileName;
    }

    public string FileName { get; }
}
