using System.Text;

namespace Distill.Tests.Support;

/// <summary>
/// A small package tree built with `dpkg-deb --build`: directories, a conffile, a setuid file, a file
/// owned by a non-root user, relative and absolute symlinks, a hard link and a path over 100 bytes.
/// Building it needs root, for chown.
/// </summary>
internal static class SampleDeb
{
    public const string ToolPath = "usr/bin/tool";
    public const string LongPath =
        "usr/share/distill-sample/a-file-name-long-enough-that-the-whole-path-exceeds-the-100-byte-name-field.txt";

    public static readonly DateTimeOffset FileTime = new(2021, 3, 4, 5, 6, 7, TimeSpan.Zero);
    public static readonly DateTimeOffset DirectoryTime = new(2019, 8, 9, 10, 11, 12, TimeSpan.Zero);
    public static readonly byte[] ToolContent = Enumerable.Range(0, 70000).Select(i => (byte)(i * 7)).ToArray();

    public const string Control =
        "Package: distill-sample\nVersion: 1.2-3\nArchitecture: all\nMaintainer: Test <test@example.org>\n" +
        "Description: sample package for DebReader tests\n multi-line description\n";

    public const string Md5Sums = "0123456789abcdef0123456789abcdef  usr/bin/tool\n";
    public const string Postinst = "#!/bin/sh\nset -e\necho configured\n";

    /// <summary>Builds the sample with the given dpkg-deb -Z compressor and returns the .deb's path.</summary>
    public static string Build(TempDirectory directory, string compression)
    {
        var root = directory.Combine("root");
        WriteControlDirectory(root);
        WriteFiles(root);
        SetTimes(root);

        var deb = directory.Combine($"distill-sample-{compression}.deb");
        ProcessRunner.Run("dpkg-deb", ["-Z", compression, "--build", root, deb]);
        return deb;
    }

    private static void WriteControlDirectory(string root)
    {
        var control = Path.Combine(root, "DEBIAN");
        Directory.CreateDirectory(control);
        Chmod("0755", control);
        File.WriteAllText(Path.Combine(control, "control"), Control);
        File.WriteAllText(Path.Combine(control, "md5sums"), Md5Sums);
        File.WriteAllText(Path.Combine(control, "conffiles"), "/etc/distill-sample.conf\n");
        var postinst = Path.Combine(control, "postinst");
        File.WriteAllText(postinst, Postinst);
        Chmod("0755", postinst);
    }

    private static void WriteFiles(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "usr/bin"));
        Directory.CreateDirectory(Path.Combine(root, "usr/share/distill-sample"));
        Chmod("2750", Path.Combine(root, "usr/share/distill-sample"));

        File.WriteAllText(Path.Combine(root, "etc/distill-sample.conf"), "setting = 1\n");
        File.WriteAllBytes(Path.Combine(root, ToolPath), ToolContent);
        Chmod("0755", Path.Combine(root, ToolPath));
        ProcessRunner.Run("chown", ["1234:2345", Path.Combine(root, ToolPath)]);
        ProcessRunner.Run("ln", [Path.Combine(root, ToolPath), Path.Combine(root, "usr/bin/tool-hardlink")]);
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/tool-symlink"), "tool");
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/absolute-symlink"), "/usr/bin/tool");

        var helper = Path.Combine(root, "usr/bin/helper");
        File.WriteAllText(helper, "#!/bin/sh\n");
        Chmod("4755", helper);
        File.WriteAllText(Path.Combine(root, LongPath), "long\n");
    }

    private static void SetTimes(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            // touch -h sets the time of a symbolic link itself, which File.SetLastWriteTimeUtc cannot.
            ProcessRunner.Run("touch", ["-h", "-d", $"@{FileTime.ToUnixTimeSeconds()}", file]);
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            Directory.SetLastWriteTimeUtc(directory, DirectoryTime.UtcDateTime);
        }
    }

    private static void Chmod(string octalMode, string path) => ProcessRunner.Run("chmod", [octalMode, path]);

    public static string Text(Distill.Content.FileEntry file)
    {
        using var stream = file.Content!.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
