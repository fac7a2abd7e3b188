using Distill.Content;

namespace Distill.Elf;

/// <summary>
/// Resolves the interpreter and the shared libraries of a program in an image without running it, as
/// glibc's dynamic loader would. The search order was compared with "LD_DEBUG=libs" of glibc 2.36 in Debian 12:
/// <list type="number">
/// <item>The kernel starts the PT_INTERP interpreter, which must exist and match the program's machine.</item>
/// <item>DT_NEEDED entries are loaded breadth-first, the program's first; a name that matches the path,
/// a DT_NEEDED name or the DT_SONAME of a loaded object, or a file already loaded, is not loaded again.</item>
/// <item>A name with a '/' is opened as a path after token expansion. Other names are searched first in
/// DT_RPATH of the loading object, then of its loader and so on up to the program, unless the loading
/// object has DT_RUNPATH. LD_LIBRARY_PATH comes next, then DT_RUNPATH of the loading object. The default
/// directories come last, unless that object has DF_1_NODEFLIB. An object with DT_RUNPATH has its
/// DT_RPATH ignored.</item>
/// <item>The default directories of Debian's glibc are /lib/TRIPLET, /usr/lib/TRIPLET, /lib and /usr/lib, as
/// "ld.so --help" lists them on Debian 12 for x86_64-linux-gnu.</item>
/// </list>
/// /etc/ld.so.cache is not read: it only lists files in the directories that ldconfig scanned, and an image
/// built without running ldconfig has none. A candidate of another ELF class or machine is skipped, as
/// ld.so skips it; a candidate that is not valid ELF stops the loader, so it is reported as missing.
/// NOTE: the glibc-hwcaps and legacy hardware-capability subdirectories (glibc-hwcaps/x86-64-v3, tls,
/// x86_64) that ld.so tries first in each directory are not searched, so a library present only there is
/// reported missing.
/// </summary>
public sealed class LibraryResolver
{
    private readonly IImageFileSystem fileSystem;
    private readonly LibraryResolverOptions options;

    public LibraryResolver(IImageFileSystem fileSystem, LibraryResolverOptions? options = null)
    {
        this.fileSystem = fileSystem;
        this.options = options ?? new LibraryResolverOptions();
    }

    /// <summary>Reads a program from the image and resolves it.</summary>
    public LibraryResolution Resolve(string programPath)
    {
        var file = fileSystem.Find(programPath);
        if (file is null || !file.IsRegularFile)
        {
            throw new DistillException(
                $"program '{programPath}' is not a regular file in the image; check the path and the layers");
        }

        using var stream = file.Entry.Content?.Open() ?? Stream.Null;
        return Resolve(programPath, ElfFile.Read(stream, programPath));
    }

    /// <summary>
    /// Resolves a program that is already read, which may be absent from the image. $ORIGIN of the program
    /// is the directory of its path with symbolic links resolved, as ld.so takes it from /proc/self/exe.
    /// </summary>
    public LibraryResolution Resolve(string programPath, ElfFile program)
    {
        var realProgramPath = FindOrNull(programPath)?.Path ?? programPath;
        var search = new LibrarySearch(fileSystem, options, program, programPath, realProgramPath);
        var interpreterProblem = program.Interpreter is null ? null : search.LoadInterpreter(program.Interpreter);
        search.LoadDependencies();
        return new LibraryResolution(
            programPath, program, program.Interpreter, interpreterProblem, search.Libraries, search.Missing);
    }

    private ImageFile? FindOrNull(string path)
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
}
