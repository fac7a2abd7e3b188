using Distill.Content;
using Distill.Elf;
using Distill.Images;

namespace Distill.Applications;

/// <summary>
/// Checks, without running it, that the program a container of the image starts (the first word of the
/// entrypoint, else of the cmd) would start: it exists, is an executable regular file, and, for an ELF
/// program, its interpreter and every DT_NEEDED library are in the image and its machine is the image's.
/// A script's "#!" interpreter must be in the image and pass the same checks.
/// </summary>
public sealed class ProgramCheck(IImageFileSystem fileSystem, string architecture, ContainerConfig config)
{
    /// <summary>The PATH that runc and containerd use when the image config sets none.</summary>
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const int MaxScriptDepth = 4;
    private const int ExecuteBits = 0b001_001_001;

    /// <summary>Throws an <see cref="ApplicationCheckException"/> for the first problem found.</summary>
    public void Run()
    {
        var command = config.Entrypoint.Count > 0 ? config.Entrypoint : config.Cmd;
        if (command.Count == 0)
        {
            return;
        }

        var file = FindProgram(command[0]);
        CheckExecutable(command[0], file, depth: 0);
    }

    private ImageFile FindProgram(string program)
    {
        var workingDirectory = string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir;
        if (program.StartsWith('/'))
        {
            return Find(program) ?? throw new ProgramNotFoundException(program, "no file at that path");
        }

        if (program.Contains('/'))
        {
            var path = "/" + RootPath.Combine(workingDirectory.TrimStart('/'), program);
            return Find(path) ?? throw new ProgramNotFoundException(program,
                $"the relative path resolves to '{path}' against the working directory '{workingDirectory}', "
                + "and no file is there");
        }

        var searchPath = EnvironmentValue("PATH") ?? DefaultPath;
        foreach (var directory in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Find("/" + RootPath.Combine(directory.TrimStart('/'), program));
            if (candidate is { IsRegularFile: true })
            {
                return candidate;
            }
        }

        throw new ProgramNotFoundException(program, $"no directory of PATH={searchPath} contains it");
    }

    private void CheckExecutable(string program, ImageFile file, int depth)
    {
        if (file.IsDirectory)
        {
            throw new ProgramNotExecutableException(program,
                $"'{file.Path}' is a directory. Name the program file inside it");
        }

        if ((file.Entry.Mode & ExecuteBits) == 0)
        {
            var mode = Convert.ToString(file.Entry.Mode, 8).PadLeft(4, '0');
            throw new ProgramNotExecutableException(program,
                $"'{file.Path}' has mode {mode}, with no execute permission. Make it executable on the host "
                + "(chmod +x) or give the mode in --add SRC:DEST:0755");
        }

        using var stream = file.Entry.Content?.Open() ?? Stream.Null;
        var head = new byte[ScriptInterpreter.MaxLineLength];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (length >= 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
        {
            using var content = file.Entry.Content!.Open();
            CheckElf(program, file.Path, ElfFile.Read(content, file.Path));
        }
        else if (ScriptInterpreter.Read(head.AsSpan(0, length), file.Path) is { } interpreter)
        {
            CheckScript(program, interpreter, depth);
        }
    }

    private void CheckScript(string program, ScriptInterpreter interpreter, int depth)
    {
        var file = depth < MaxScriptDepth ? Find(interpreter.Path) : null;
        if (file is null)
        {
            throw new InterpreterNotFoundException(program, interpreter.Path,
                "named on the script's \"#!\" line is not in the image",
                "Distroless images have no shell: add the interpreter with --add, build with --debug for "
                + "busybox's /busybox/sh, or make the entrypoint a compiled program");
        }

        CheckExecutable(interpreter.Path, file, depth + 1);
    }

    private void CheckElf(string program, string path, ElfFile elf)
    {
        if (elf.DebianArchitecture != architecture)
        {
            var machine = elf.DebianArchitecture ?? $"ELF machine {elf.Machine}";
            throw new ArchitectureMismatchException(program, machine, architecture);
        }

        var options = new LibraryResolverOptions
        {
            LibraryPath = EnvironmentValue("LD_LIBRARY_PATH"),
            WorkingDirectory = string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir,
        };
        var resolution = new LibraryResolver(fileSystem, options).Resolve(path, elf);
        if (resolution.InterpreterProblem is { } problem)
        {
            throw new InterpreterNotFoundException(program, resolution.Interpreter!,
                $"cannot be used: {problem}",
                "A program linked against glibc needs base-nossl, base or cc; link it statically "
                + "(-static) to run it on static");
        }

        if (resolution.Missing.FirstOrDefault() is { } missing)
        {
            throw new LibraryNotFoundException(program, missing.Name, missing.FormatChain(),
                MissingLibraryAdvice.For(missing.Name));
        }
    }

    private ImageFile? Find(string path)
    {
        try
        {
            return fileSystem.Find(path);
        }
        catch (SymlinkLoopException)
        {
            return null;
        }
    }

    private string? EnvironmentValue(string name) =>
        config.Env.LastOrDefault(variable => variable.StartsWith(name + "=", StringComparison.Ordinal))?[
            (name.Length + 1)..];
}
