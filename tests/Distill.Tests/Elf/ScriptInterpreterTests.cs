using System.Text;
using Distill.Elf;

namespace Distill.Tests.Elf;

public sealed class ScriptInterpreterTests
{
    [Theory]
    [InlineData("#!/bin/sh\necho hi\n", "/bin/sh", null)]
    [InlineData("#! /usr/bin/env python3\n", "/usr/bin/env", "python3")]
    [InlineData("#!/usr/bin/env python3 -u  \n", "/usr/bin/env", "python3 -u")]
    [InlineData("#!\t/bin/bash\t-e\n", "/bin/bash", "-e")]
    [InlineData("#!/bin/sh", "/bin/sh", null)]
    [InlineData("#!/bin/sh\r\n", "/bin/sh\r", null)]
    public void Read_ShebangLine_ReturnsPathAndArgument(string content, string path, string? argument)
    {
        var interpreter = ScriptInterpreter.Read(Encoding.UTF8.GetBytes(content), "script");

        Assert.NotNull(interpreter);
        Assert.Equal(path, interpreter.Path);
        Assert.Equal(argument, interpreter.Argument);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("echo hi\n")]
    [InlineData("\u007fELF")]
    public void Read_NotScript_ReturnsNull(string content)
    {
        Assert.Null(ScriptInterpreter.Read(Encoding.UTF8.GetBytes(content), "file"));
    }

    [Theory]
    [InlineData("#!\n")]
    [InlineData("#!   \necho\n")]
    public void Read_NoInterpreter_RaisesInvalidScript(string content)
    {
        var error = Assert.Throws<InvalidScriptException>(
            () => ScriptInterpreter.Read(Encoding.UTF8.GetBytes(content), "usr/bin/tool"));

        Assert.Contains("'usr/bin/tool'", error.Message);
    }

    [Fact]
    public void Read_PathBeyondLimit_RaisesInvalidScript()
    {
        var content = "#!/" + new string('a', 300) + "\n";

        var error = Assert.Throws<InvalidScriptException>(
            () => ScriptInterpreter.Read(Encoding.ASCII.GetBytes(content), "long"));

        Assert.Contains("255", error.Message);
    }

    [Fact]
    public void Read_ArgumentBeyondLimit_IsCut()
    {
        var content = "#!/bin/sh " + new string('x', 400) + "\n";

        var interpreter = ScriptInterpreter.Read(Encoding.ASCII.GetBytes(content), "long-argument");

        Assert.NotNull(interpreter);
        Assert.Equal("/bin/sh", interpreter.Path);
        Assert.Equal(ScriptInterpreter.MaxLineLength - 1 - "#!/bin/sh ".Length, interpreter.Argument!.Length);
    }

    [Fact]
    public void Read_Stream_ReadsFirstLine()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("#!/bin/bash\n" + new string('#', 5000)));

        var interpreter = ScriptInterpreter.Read(stream, "stream");

        Assert.Equal(new ScriptInterpreter("/bin/bash", null), interpreter);
    }
}
