namespace Distill.Applications;

/// <summary>
/// A check of an application's entrypoint or cmd that failed before the image was written: the program
/// would not start in a container of the image. --no-check turns these into warnings.
/// </summary>
public abstract class ApplicationCheckException(string message) : DistillException(message);

/// <summary>An --entrypoint or --cmd given as a command string, which needs a shell the image does not have.</summary>
public sealed class ShellFormCommandException(string option, string value, string arrayForm)
    : DistillException(
        $"invalid {option} '{value}': the image has no shell to split or interpret a command string, so give "
        + $"the exec form, a JSON array with one string per argument: {option} '{arrayForm}'");

/// <summary>The program of the entrypoint or cmd is not in the image, or its relative path does not resolve.</summary>
public sealed class ProgramNotFoundException(string program, string cause)
    : ApplicationCheckException(
        $"program '{program}' not found in the image: {cause}. Add it with --add SRC:DEST, or give its absolute "
        + "path in the image");

/// <summary>The program of the entrypoint or cmd is a directory or has no execute permission.</summary>
public sealed class ProgramNotExecutableException(string program, string cause)
    : ApplicationCheckException($"program '{program}' cannot be executed: {cause}");

/// <summary>The ELF interpreter or the "#!" interpreter of the program is missing from the image.</summary>
public sealed class InterpreterNotFoundException(string program, string interpreter, string cause, string fix)
    : ApplicationCheckException($"interpreter '{interpreter}' of program '{program}' {cause}. {fix}")
{
    public string Interpreter { get; } = interpreter;
}

/// <summary>A shared library that the program needs, directly or through another library, is missing.</summary>
public sealed class LibraryNotFoundException(string program, string library, string chain, string fix)
    : ApplicationCheckException(
        $"library '{library}' of program '{program}' not found in the image (needed by {chain}). {fix}")
{
    public string Library { get; } = library;
}

/// <summary>The program is built for another machine than the image's architecture.</summary>
public sealed class ArchitectureMismatchException(string program, string programArchitecture, string imageArchitecture)
    : ApplicationCheckException(
        $"program '{program}' is an ELF file for {programArchitecture} but the image is for {imageArchitecture}. "
        + $"Add a {imageArchitecture} build of the program, or build the image with --arch {programArchitecture}");
