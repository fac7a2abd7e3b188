using System.Text;

namespace Distill.Tests.Support;

/// <summary>Writes ar archives member by member, to craft .deb files that dpkg-deb would not build.</summary>
internal sealed class ArArchiveBuilder
{
    private readonly MemoryStream archive = new();

    public ArArchiveBuilder()
    {
        archive.Write("!<arch>\n"u8);
    }

    public ArArchiveBuilder Add(string name, byte[] content)
    {
        var header = $"{name,-16}{0,-12}{0,-6}{0,-6}{"100644",-8}{content.Length,-10}`\n";
        archive.Write(Encoding.ASCII.GetBytes(header));
        archive.Write(content);
        if (content.Length % 2 == 1)
        {
            archive.WriteByte((byte)'\n');
        }

        return this;
    }

    public ArArchiveBuilder Add(string name, string content) => Add(name, Encoding.UTF8.GetBytes(content));

    public byte[] ToArray() => archive.ToArray();
}
