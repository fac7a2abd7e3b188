namespace Distill.Tests.Layers;

/// <summary>A tiny statically linked C program, built with gcc, so that test images hold a real executable.</summary>
public static class StaticTestProgram
{
    public const string Greeting = "hello from a distill test image";

    private static readonly Lazy<byte[]> Bytes = new(Build);

    /// <summary>The ELF bytes of the program, which prints <see cref="Greeting"/> and exits with 0.</summary>
    public static byte[] Content => Bytes.Value;

    private static byte[] Build()
    {
        using var directory = new TestDirectory();
        var source = directory.Combine("hello.c");
        var binary = directory.Combine("hello");
        File.WriteAllText(source, $"#include <stdio.h>\nint main(void) {{ puts(\"{Greeting}\"); return 0; }}\n");
        ExternalTool.RunChecked("gcc", "-static", "-Os", "-s", "-o", binary, source);
        return File.ReadAllBytes(binary);
    }
}
