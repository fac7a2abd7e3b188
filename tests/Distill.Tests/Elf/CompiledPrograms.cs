using Distill.Tests.Support;

namespace Distill.Tests.Elf;

/// <summary>
/// Programs compiled once per test class with the host's gcc and g++ into a temporary directory. The
/// rpath programs sit in app/bin and their library in app/lib, so that $ORIGIN/../lib finds it.
/// </summary>
public sealed class CompiledPrograms : IDisposable
{
    private const string CSource = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n";
    private const string CppSource =
        "#include <cmath>\n#include <iostream>\n" +
        "int main(int argc, char **) { std::cout << std::sqrt(argc + 1.0) << std::endl; return 0; }\n";
    private const string LibrarySource = "int demo(void) { return 7; }\n";
    private const string LibraryUserSource = "int demo(void);\nint main(void) { return demo() == 7 ? 0 : 1; }\n";

    private readonly TempDirectory directory = new();

    public CompiledPrograms()
    {
        var c = Write("hello.c", CSource);
        var cpp = Write("hello.cpp", CppSource);
        var library = Write("demo.c", LibrarySource);
        var libraryUser = Write("uses-demo.c", LibraryUserSource);
        Directory.CreateDirectory(Combine("app/bin"));
        Directory.CreateDirectory(Combine("app/lib"));

        Gcc("-static", "-o", Static, c);
        Gcc("-o", Dynamic, c);
        ProcessRunner.Run("g++", ["-o", Cpp, cpp]);
        Gcc("-shared", "-fPIC", "-Wl,-soname,libdemo.so.1", "-o", DemoLibrary, library);
        var link = new[] { "-L" + Combine("app/lib"), "-l:libdemo.so.1", "-Wl,-rpath,$ORIGIN/../lib" };
        Gcc(["-o", RPathProgram, libraryUser, .. link, "-Wl,--disable-new-dtags"]);
        Gcc(["-o", RunPathProgram, libraryUser, .. link, "-Wl,--enable-new-dtags"]);
        Gcc("-static-pie", "-o", StaticPie, c);
    }

    public string Static => Combine("static");

    public string Dynamic => Combine("dynamic");

    public string Cpp => Combine("cpp");

    public string DemoLibrary => Combine("app/lib/libdemo.so.1");

    public string RPathProgram => Combine("app/bin/uses-rpath");

    public string RunPathProgram => Combine("app/bin/uses-runpath");

    /// <summary>A static-pie program. Debian's gcc supports -static-pie since gcc 8.</summary>
    public string StaticPie => Combine("static-pie");

    public void Dispose() => directory.Dispose();

    private string Combine(string relative) => directory.Combine(relative);

    private string Write(string name, string source)
    {
        var path = Combine(name);
        File.WriteAllText(path, source);
        return path;
    }

    private static void Gcc(params string[] arguments) => ProcessRunner.Run("gcc", arguments);
}
