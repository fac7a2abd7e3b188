using Distill.Content;

namespace Distill.Elf;

/// <summary>
/// One run of the loader's dependency walk for <see cref="LibraryResolver"/>: the loaded objects, the
/// search order for each DT_NEEDED name, and the checks ld.so makes on each candidate file.
/// </summary>
internal sealed class LibrarySearch
{
    private readonly IImageFileSystem fileSystem;
    private readonly LibraryResolverOptions options;
    private readonly LoadedObject program;
    private readonly List<LoadedObject> loaded = [];
    private readonly HashSet<string> missingNames = new(StringComparer.Ordinal);
    private readonly string? triplet;
    private readonly string? libToken;
    private readonly string? platformToken;

    public LibrarySearch(
        IImageFileSystem fileSystem,
        LibraryResolverOptions options,
        ElfFile programElf,
        string programPath,
        string realProgramPath)
    {
        this.fileSystem = fileSystem;
        this.options = options;
        var architecture = programElf.DebianArchitecture ?? "";
        triplet = ElfArchitecture.MultiarchTriplet(architecture);
        libToken = ElfArchitecture.LibToken(architecture);
        platformToken = options.Platform ?? ElfArchitecture.PlatformToken(architecture);
        program = new LoadedObject(
            programPath, programPath, realProgramPath, ParentOf(realProgramPath), programElf, null, [programPath]);
        loaded.Add(program);
    }

    public List<ResolvedLibrary> Libraries { get; } = [];

    public List<MissingLibrary> Missing { get; } = [];

    /// <summary>
    /// Checks the interpreter as the kernel does before it starts it, and returns the problem or null. A
    /// valid interpreter joins the loaded objects, so DT_NEEDED entries that name its soname (libc.so.6
    /// needs ld-linux-x86-64.so.2) match it without a search.
    /// </summary>
    public string? LoadInterpreter(string interpreter)
    {
        ImageFile? file;
        try
        {
            file = fileSystem.Find(interpreter);
        }
        catch (SymlinkLoopException loop)
        {
            return loop.Message;
        }

        if (file is null)
        {
            return "not found in the image";
        }

        var check = CheckCandidate(file);
        if (check.Elf is null)
        {
            return check.Problem;
        }

        loaded.Add(new LoadedObject(
            interpreter, interpreter, file.Path, ParentOf(interpreter), check.Elf, null, [interpreter]));
        return null;
    }

    /// <summary>Loads the DT_NEEDED entries of the program and of every library it loads, breadth-first.</summary>
    public void LoadDependencies()
    {
        var queue = new Queue<LoadedObject>([program]);
        while (queue.TryDequeue(out var requester))
        {
            foreach (var name in requester.Elf.Needed)
            {
                var library = Load(name, requester);
                if (library is not null)
                {
                    queue.Enqueue(library);
                }
            }
        }
    }

    /// <summary>Returns a newly loaded object, or null when the name matched a loaded one or is missing.</summary>
    private LoadedObject? Load(string name, LoadedObject requester)
    {
        var existing = loaded.FirstOrDefault(candidate => candidate.Matches(name));
        if (existing is not null || missingNames.Contains(name))
        {
            existing?.Names.Add(name);
            return null;
        }

        var chain = requester.Chain.Append(name).ToList();
        var skipped = new List<SkippedCandidate>();
        var outcome = name.Contains('/')
            ? OpenPath(name, requester, skipped)
            : SearchDirectories(name, requester, skipped);
        if (outcome.Found is null)
        {
            missingNames.Add(name);
            Missing.Add(new MissingLibrary(name, chain, outcome.Problem ?? "not found", skipped));
            return null;
        }

        var (path, file, elf) = outcome.Found.Value;
        var sameFile = loaded.FirstOrDefault(candidate => candidate.RealPath == file.Path);
        if (sameFile is not null)
        {
            sameFile.Names.Add(name);
            return null;
        }

        var library = new LoadedObject(name, path, file.Path, ParentOf(path), elf, requester, chain);
        loaded.Add(library);
        Libraries.Add(new ResolvedLibrary(name, path, file.Path, elf, chain, skipped));
        return library;
    }

    private Outcome OpenPath(string name, LoadedObject requester, List<SkippedCandidate> skipped)
    {
        var expanded = ExpandTokens(name, requester);
        if (expanded is null)
        {
            return Outcome.Fail($"cannot expand the dynamic string tokens in '{name}'");
        }

        var attempt = TryCandidate(ToAbsolute(expanded), skipped);
        return attempt.Kind == AttemptKind.Found
            ? attempt.Outcome
            : Outcome.Fail(attempt.Outcome.Problem ?? "not found");
    }

    private Outcome SearchDirectories(string name, LoadedObject requester, List<SkippedCandidate> skipped)
    {
        foreach (var directories in SearchLists(requester))
        {
            foreach (var directory in directories)
            {
                var attempt = TryCandidate(directory.TrimEnd('/') + "/" + name, skipped);
                if (attempt.Kind is AttemptKind.Found or AttemptKind.Fatal)
                {
                    return attempt.Outcome;
                }

                // A lookup error other than "not found" (ELOOP) makes ld.so give up on the rest of this
                // list and go on with the next; LD_DEBUG=libs shows this with glibc 2.36.
                if (attempt.Kind == AttemptKind.AbandonList)
                {
                    break;
                }
            }
        }

        return Outcome.Fail("not found");
    }

    /// <summary>Returns the directory lists in the order ld.so searches them for a name the requester needs.</summary>
    private IEnumerable<IReadOnlyList<string>> SearchLists(LoadedObject requester)
    {
        if (requester.Elf.RunPath is null)
        {
            for (var owner = requester; owner is not null; owner = owner.Loader)
            {
                if (owner.Elf.RPath is { } rpath && owner.Elf.RunPath is null)
                {
                    yield return ExpandPath(rpath, owner, [':']);
                }
            }
        }

        if (options.LibraryPath is { } libraryPath)
        {
            yield return ExpandPath(libraryPath, program, [':', ';']);
        }

        if (requester.Elf.RunPath is { } runpath)
        {
            yield return ExpandPath(runpath, requester, [':']);
        }

        if ((requester.Elf.DynamicFlags1 & ElfConstants.Df1Nodeflib) == 0)
        {
            yield return DefaultDirectories();
        }
    }

    private List<string> DefaultDirectories()
    {
        var directories = new List<string>();
        if (triplet is not null)
        {
            directories.Add("/lib/" + triplet);
            directories.Add("/usr/lib/" + triplet);
        }

        directories.Add("/lib");
        directories.Add("/usr/lib");
        return directories;
    }

    /// <summary>
    /// Splits a search path and expands its tokens with the owner's $ORIGIN. An empty element is the working
    /// directory, and an element whose token has no value is dropped, as glibc's loader does.
    /// </summary>
    private List<string> ExpandPath(string searchPath, LoadedObject owner, char[] separators)
    {
        var directories = new List<string>();
        foreach (var element in searchPath.Split(separators))
        {
            var expanded = ExpandTokens(element, owner);
            if (expanded is not null)
            {
                directories.Add(ToAbsolute(expanded.Length == 0 ? "." : expanded));
            }
        }

        return directories;
    }

    private string? ExpandTokens(string text, LoadedObject owner) =>
        DynamicStringTokens.Expand(text, token => token switch
        {
            "ORIGIN" => owner.Origin.Length == 0 ? "/" : owner.Origin,
            "LIB" => libToken,
            "PLATFORM" => platformToken,
            _ => null,
        });

    private string ToAbsolute(string path) =>
        path.StartsWith('/') ? path : options.WorkingDirectory.TrimEnd('/') + "/" + path;

    /// <summary>Looks a candidate path up and checks its ELF header as ld.so does before it maps a file.</summary>
    private Attempt TryCandidate(string path, List<SkippedCandidate> skipped)
    {
        ImageFile? file;
        try
        {
            file = fileSystem.Find(path);
        }
        catch (SymlinkLoopException loop)
        {
            skipped.Add(new SkippedCandidate(path, loop.Message));
            return new Attempt(AttemptKind.AbandonList, Outcome.Fail(loop.Message));
        }

        if (file is null)
        {
            return new Attempt(AttemptKind.NotFound, Outcome.Fail("not found"));
        }

        // NOTE: ld.so opens a directory and then fails to read it. Whether glibc goes on searching after
        // that is not checked, so a directory is passed over like a missing file.
        if (!file.IsRegularFile)
        {
            skipped.Add(new SkippedCandidate(path, $"{file.Path} is not a regular file"));
            return new Attempt(AttemptKind.NotFound, Outcome.Fail("not found"));
        }

        var check = CheckCandidate(file);
        if (check.Elf is not null)
        {
            return new Attempt(AttemptKind.Found, new Outcome((path, file, check.Elf), null));
        }

        if (check.IsFatal)
        {
            return new Attempt(AttemptKind.Fatal, Outcome.Fail($"{path}: {check.Problem}"));
        }

        skipped.Add(new SkippedCandidate(path, check.Problem!));
        return new Attempt(AttemptKind.Skipped, Outcome.Fail("not found"));
    }

    /// <summary>
    /// Reads a candidate and compares it with the program. A different class or machine is passed over;
    /// invalid ELF, another byte order or a type other than ET_DYN and ET_EXEC is fatal in ld.so.
    /// </summary>
    private CandidateCheck CheckCandidate(ImageFile file)
    {
        ElfFile elf;
        try
        {
            using var stream = file.Entry.Content?.Open() ?? Stream.Null;
            elf = ElfFile.Read(stream, file.Path);
        }
        catch (InvalidElfException invalid)
        {
            return new CandidateCheck(null, invalid.Problem, IsFatal: true);
        }

        var expected = program.Elf;
        if (elf.Class != expected.Class)
        {
            return new CandidateCheck(null, $"ELF class {elf.Class}, but the program is {expected.Class}", false);
        }

        if (elf.Data != expected.Data)
        {
            return new CandidateCheck(null, $"byte order {elf.Data}, but the program is {expected.Data}", true);
        }

        if (elf.Machine != expected.Machine || elf.DebianArchitecture != expected.DebianArchitecture)
        {
            return new CandidateCheck(
                null,
                $"ELF machine {elf.Machine} ({elf.DebianArchitecture ?? "unknown"}), but the program is " +
                $"{expected.Machine} ({expected.DebianArchitecture ?? "unknown"})",
                false);
        }

        if (elf.Type is not (ElfFileType.SharedObject or ElfFileType.Executable))
        {
            return new CandidateCheck(null, $"ELF type {elf.Type} cannot be loaded", true);
        }

        return new CandidateCheck(elf, null, false);
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private sealed record CandidateCheck(ElfFile? Elf, string? Problem, bool IsFatal);

    private enum AttemptKind
    {
        Found,
        NotFound,
        Skipped,
        AbandonList,
        Fatal,
    }

    private readonly record struct Outcome((string Path, ImageFile File, ElfFile Elf)? Found, string? Problem)
    {
        public static Outcome Fail(string problem) => new(null, problem);
    }

    private readonly record struct Attempt(AttemptKind Kind, Outcome Outcome);

    /// <summary>
    /// An object in the loader's link map. <see cref="Path"/> is the path it was opened by, and
    /// <see cref="Origin"/> the directory $ORIGIN expands to.
    /// </summary>
    private sealed class LoadedObject(
        string name,
        string path,
        string realPath,
        string origin,
        ElfFile elf,
        LoadedObject? loader,
        IReadOnlyList<string> chain)
    {
        public string Path { get; } = path;

        public string RealPath { get; } = realPath;

        public string Origin { get; } = origin;

        public ElfFile Elf { get; } = elf;

        public LoadedObject? Loader { get; } = loader;

        public IReadOnlyList<string> Chain { get; } = chain;

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal) { name };

        public bool Matches(string name) => Names.Contains(name) || Path == name || Elf.Soname == name;
    }
}
