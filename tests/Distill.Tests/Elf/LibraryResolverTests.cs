using Distill.Content;
using Distill.Elf;
using Distill.Tests.Support;
using static Distill.Tests.Elf.ImageTree;

namespace Distill.Tests.Elf;

/// <summary>
/// Resolves programs compiled with the host's gcc in in-memory images built from the host's own glibc,
/// libstdc++ and libgcc files.
/// </summary>
public sealed class LibraryResolverTests(CompiledPrograms programs) : IClassFixture<CompiledPrograms>
{
    private const string HostLibraries = "/usr/lib/x86_64-linux-gnu";
    private const string ImageLibraries = "usr/lib/x86_64-linux-gnu";
    private const string CppPath = "/usr/bin/hello++";

    [Fact]
    public void Resolve_CppOnCcTree_ResolvesAll()
    {
        var image = new LayeredImageFileSystem(CcTree(), [HostFile("usr/bin/hello++", programs.Cpp)]);

        var result = new LibraryResolver(image).Resolve(CppPath);

        Assert.True(result.IsComplete, string.Join("\n", result.FormatProblems()));
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", result.Interpreter);
        Assert.Null(result.InterpreterProblem);
        Assert.Equal(HostLddNames(programs.Cpp), result.Libraries.Select(library => library.Name).Order());
        var libstdcxx = result.Libraries.Single(library => library.Name == "libstdc++.so.6");
        Assert.Equal("/lib/x86_64-linux-gnu/libstdc++.so.6", libstdcxx.Path);
        Assert.Equal("/usr/lib/x86_64-linux-gnu/" + HostLibstdcxxFile(), libstdcxx.RealPath);
        Assert.Equal([CppPath, "libstdc++.so.6"], libstdcxx.Chain);
        Assert.DoesNotContain(result.Libraries, library => library.Name == "ld-linux-x86-64.so.2");
    }

    [Fact]
    public void Resolve_CppOnLibcOnlyTree_ReportsMissing()
    {
        var libcOnly = CcTree().Where(entry => !entry.Path.Contains("libstdc++") && !entry.Path.Contains("libgcc_s")
            && !entry.Path.Contains("libm."));
        var image = new LayeredImageFileSystem(libcOnly, [HostFile("usr/bin/hello++", programs.Cpp)]);

        var result = new LibraryResolver(image).Resolve(CppPath);

        Assert.False(result.IsComplete);
        Assert.Null(result.InterpreterProblem);
        var missing = result.Missing.Single(library => library.Name == "libstdc++.so.6");
        Assert.Equal([CppPath, "libstdc++.so.6"], missing.Chain);
        Assert.Equal("/usr/bin/hello++ -> libstdc++.so.6", missing.FormatChain());
        Assert.Equal("not found", missing.Problem);
        Assert.Contains(result.Libraries, library => library.Name == "libc.so.6");
    }

    [Fact]
    public void Resolve_CppOnEmptyTree_ReportsMissingInterpreter()
    {
        var image = new LayeredImageFileSystem([HostFile("usr/bin/hello++", programs.Cpp)]);

        var result = new LibraryResolver(image).Resolve(CppPath);

        Assert.False(result.IsComplete);
        Assert.Equal("/lib64/ld-linux-x86-64.so.2", result.Interpreter);
        Assert.Equal("not found in the image", result.InterpreterProblem);
        Assert.StartsWith("interpreter /lib64/ld-linux-x86-64.so.2 of /usr/bin/hello++", result.FormatProblems()[0]);
        Assert.Contains(result.Missing, library => library.Name == "libc.so.6");
    }

    [Fact]
    public void Resolve_StaticOnEmptyTree_IsComplete()
    {
        var image = new LayeredImageFileSystem([HostFile("app", programs.Static)]);

        var result = new LibraryResolver(image).Resolve("/app");

        Assert.True(result.IsComplete);
        Assert.Null(result.Interpreter);
        Assert.Empty(result.Libraries);
    }

    [Fact]
    public void Resolve_RPathOrigin_FindsOwnLibrary()
    {
        var image = new LayeredImageFileSystem(CcTree(), AppLayer(programs.RPathProgram));

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        Assert.True(result.IsComplete, string.Join("\n", result.FormatProblems()));
        var demo = result.Libraries.Single(library => library.Name == "libdemo.so.1");
        Assert.Equal("/opt/app/bin/../lib/libdemo.so.1", demo.Path);
        Assert.Equal("/opt/app/lib/libdemo.so.1", demo.RealPath);
        Assert.Equal("libdemo.so.1", demo.Elf.Soname);
    }

    [Fact]
    public void Resolve_RunPathOrigin_FindsOwnLibrary()
    {
        var image = new LayeredImageFileSystem(CcTree(), AppLayer(programs.RunPathProgram));

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        Assert.True(result.IsComplete, string.Join("\n", result.FormatProblems()));
        var demo = result.Libraries.Single(library => library.Name == "libdemo.so.1");
        Assert.Equal("/opt/app/lib/libdemo.so.1", demo.RealPath);
    }

    [Fact]
    public void Resolve_LibraryPath_BetweenRPathAndRunPath()
    {
        var other = new[] { HostFile("srv/lib/libdemo.so.1", programs.DemoLibrary) };
        var options = new LibraryResolverOptions { LibraryPath = "/srv/lib" };

        var rpathImage = new LayeredImageFileSystem(CcTree(), AppLayer(programs.RPathProgram), other);
        var runpathImage = new LayeredImageFileSystem(CcTree(), AppLayer(programs.RunPathProgram), other);

        var rpath = new LibraryResolver(rpathImage, options).Resolve("/opt/app/bin/uses-demo");
        var runpath = new LibraryResolver(runpathImage, options).Resolve("/opt/app/bin/uses-demo");

        Assert.Equal("/opt/app/lib/libdemo.so.1", rpath.Libraries.Single(IsDemo).RealPath);
        Assert.Equal("/srv/lib/libdemo.so.1", runpath.Libraries.Single(IsDemo).RealPath);
    }

    [Fact]
    public void Resolve_WrongArchitectureLibrary_IsSkipped()
    {
        var arm64Demo = System.IO.File.ReadAllBytes(programs.DemoLibrary);
        arm64Demo[18] = (byte)ElfConstants.EmAarch64;
        arm64Demo[19] = 0;
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                ImageTree.File("opt/app/lib/libdemo.so.1", arm64Demo),
            ],
            [HostFile(ImageLibraries + "/libdemo.so.1", programs.DemoLibrary)]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        Assert.True(result.IsComplete, string.Join("\n", result.FormatProblems()));
        var demo = result.Libraries.Single(library => library.Name == "libdemo.so.1");
        Assert.Equal("/lib/x86_64-linux-gnu/libdemo.so.1", demo.Path);
        var skipped = Assert.Single(demo.Skipped);
        Assert.Equal("/opt/app/bin/../lib/libdemo.so.1", skipped.Path);
        Assert.Contains("ELF machine 183 (arm64)", skipped.Reason);
    }

    [Fact]
    public void Resolve_OnlyWrongArchitecture_ReportsMissing()
    {
        var arm64Demo = System.IO.File.ReadAllBytes(programs.DemoLibrary);
        arm64Demo[18] = (byte)ElfConstants.EmAarch64;
        arm64Demo[19] = 0;
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                ImageTree.File("opt/app/lib/libdemo.so.1", arm64Demo),
            ]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        var missing = Assert.Single(result.Missing);
        Assert.Equal("libdemo.so.1", missing.Name);
        Assert.Equal("not found", missing.Problem);
        Assert.Single(missing.Skipped);
    }

    [Fact]
    public void Resolve_SymlinkLoopInRPath_IsSkipped()
    {
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                Symlink("opt/app/lib/libdemo.so.1", "libdemo.so.1"),
            ],
            [HostFile(ImageLibraries + "/libdemo.so.1", programs.DemoLibrary)]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        Assert.True(result.IsComplete, string.Join("\n", result.FormatProblems()));
        var demo = result.Libraries.Single(library => library.Name == "libdemo.so.1");
        Assert.Equal("/lib/x86_64-linux-gnu/libdemo.so.1", demo.Path);
        var skipped = Assert.Single(demo.Skipped);
        Assert.Contains("symbolic links", skipped.Reason);
        Assert.Contains("/opt/app/lib/libdemo.so.1 -> libdemo.so.1", skipped.Reason);
    }

    [Fact]
    public void Resolve_SymlinkLoopOnly_ReportsMissing()
    {
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                Symlink("opt/app/lib/libdemo.so.1", "libdemo.so.1"),
            ]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        var missing = Assert.Single(result.Missing);
        Assert.Contains("symbolic links", Assert.Single(missing.Skipped).Reason);
    }

    [Fact]
    public void Resolve_NotElfCandidate_ReportsInvalidLibrary()
    {
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                ImageTree.File("opt/app/lib/libdemo.so.1", "INPUT(libdemo.so.1.0)\n"),
            ],
            [HostFile(ImageLibraries + "/libdemo.so.1", programs.DemoLibrary)]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        var missing = Assert.Single(result.Missing);
        Assert.StartsWith("/opt/app/bin/../lib/libdemo.so.1: ", missing.Problem);
        Assert.Contains("ELF magic", missing.Problem);
    }

    [Fact]
    public void Resolve_IndirectDependencyMissing_ReportsChain()
    {
        var demo = new SyntheticElf(ElfClass.Elf64, ElfData.LittleEndian, ElfConstants.EmX86_64)
        {
            Interpreter = null,
            Needed = ["libbar.so.2"],
            Soname = "libdemo.so.1",
            RunPath = null,
        }.Build();
        var image = new LayeredImageFileSystem(
            CcTree(),
            [
                HostFile("opt/app/bin/uses-demo", programs.RPathProgram),
                ImageTree.File("opt/app/lib/libdemo.so.1", demo),
            ]);

        var result = new LibraryResolver(image).Resolve("/opt/app/bin/uses-demo");

        var missing = Assert.Single(result.Missing);
        Assert.Equal("libbar.so.2", missing.Name);
        Assert.Equal("/opt/app/bin/uses-demo -> libdemo.so.1 -> libbar.so.2", missing.FormatChain());
    }

    [Fact]
    public void Resolve_ProgramNotInImage_RaisesDistillException()
    {
        var error = Assert.Throws<DistillException>(
            () => new LibraryResolver(new LayeredImageFileSystem(CcTree())).Resolve("/usr/bin/absent"));

        Assert.Contains("'/usr/bin/absent'", error.Message);
    }

    /// <summary>
    /// A root like Debian's cc base image on amd64: merged /usr, the interpreter reached through
    /// lib64 -> usr/lib64 and an absolute symlink, and libstdc++.so.6 as a symlink to its versioned file.
    /// </summary>
    private static List<FileEntry> CcTree() =>
    [
        .. UsrMergeLinks(),
        Symlink("usr/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
        HostFile(ImageLibraries + "/ld-linux-x86-64.so.2", HostLibraries + "/ld-linux-x86-64.so.2"),
        HostFile(ImageLibraries + "/libc.so.6", HostLibraries + "/libc.so.6"),
        HostFile(ImageLibraries + "/libm.so.6", HostLibraries + "/libm.so.6"),
        HostFile(ImageLibraries + "/libgcc_s.so.1", HostLibraries + "/libgcc_s.so.1"),
        Symlink(ImageLibraries + "/libstdc++.so.6", HostLibstdcxxFile()),
        HostFile(ImageLibraries + "/" + HostLibstdcxxFile(), HostLibraries + "/" + HostLibstdcxxFile()),
    ];

    private static bool IsDemo(ResolvedLibrary library) => library.Name == "libdemo.so.1";

    private static FileEntry[] AppLayer(string program) =>
    [
        HostFile("opt/app/bin/uses-demo", program),
        HostFile("opt/app/lib/libdemo.so.1", Path.Combine(Path.GetDirectoryName(program)!, "../lib/libdemo.so.1")),
    ];

    /// <summary>Returns the versioned file that the host's libstdc++.so.6 links to ("libstdc++.so.6.0.30").</summary>
    private static string HostLibstdcxxFile() =>
        new FileInfo(HostLibraries + "/libstdc++.so.6").LinkTarget
        ?? throw new InvalidOperationException(HostLibraries + "/libstdc++.so.6 is not a symbolic link");

    /// <summary>Returns the sonames that the host's ldd lists, without the vDSO and the interpreter.</summary>
    private static IEnumerable<string> HostLddNames(string program) =>
        ProcessRunner.Run("ldd", [program])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' ')[0])
            .Where(name => !name.StartsWith("linux-vdso", StringComparison.Ordinal) && !name.StartsWith('/'))
            .Order();
}
