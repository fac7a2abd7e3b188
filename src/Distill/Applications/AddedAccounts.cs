using System.Text;
using Distill.Content;
using Distill.Elf;

namespace Distill.Applications;

/// <summary>
/// Adds the users and groups of an image spec to the base's /etc/passwd and /etc/group. The files are
/// written whole into the application layer, the base's lines first, and each new user gets a home
/// directory (mode 0700, owned by the user) when the base has none at that path.
/// </summary>
public static class AddedAccounts
{
    private const int AccountFileMode = 0b110_100_100;
    private const int HomeMode = 0b111_000_000;

    public static void AddTo(
        Dictionary<string, FileEntry> entries, ApplicationSpec spec, IImageFileSystem baseFileSystem, DateTimeOffset time)
    {
        if (spec.Users.Count == 0 && spec.Groups.Count == 0)
        {
            return;
        }

        var passwd = ReadLines(baseFileSystem, "/etc/passwd");
        var group = ReadLines(baseFileSystem, "/etc/group");
        CheckUnique(passwd, spec.Users.Select(user => (user.Name, user.Uid)), "user", "/etc/passwd");
        CheckUnique(group, spec.Groups.Select(added => (added.Name, added.Gid)), "group", "/etc/group");

        entries["etc/passwd"] = TextFile("etc/passwd", passwd, Accounts.FormatPasswd(spec.Users), time);
        entries["etc/group"] = TextFile("etc/group", group, Accounts.FormatGroup(spec.Groups), time);
        foreach (var user in spec.Users)
        {
            var home = user.Home.TrimStart('/');
            if (home.Length > 0 && baseFileSystem.Find(user.Home) is null && !entries.ContainsKey(home))
            {
                entries[home] = new FileEntry(home, FileType.Directory, HomeMode, user.Uid, user.Gid, time);
            }
        }
    }

    private static List<string> ReadLines(IImageFileSystem baseFileSystem, string path)
    {
        var content = baseFileSystem.Find(path)?.Entry.Content;
        if (content is null)
        {
            return [];
        }

        using var reader = new StreamReader(content.Open(), Encoding.UTF8);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Rejects a name or id that the base or another added account already uses.</summary>
    private static void CheckUnique(
        List<string> existing, IEnumerable<(string Name, int Id)> added, string kind, string file)
    {
        var names = existing.Select(line => line.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        var ids = existing.Select(line => line.Split(':').ElementAtOrDefault(2) ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var (name, id) in added)
        {
            if (!names.Add(name) || !ids.Add(id.ToString()))
            {
                throw new DistillException(
                    $"{kind} '{name}' ({id}) is already in {file} of the image, by name or id: choose another "
                    + $"name and id for it in the spec's {kind}s");
            }
        }
    }

    private static FileEntry TextFile(string path, List<string> baseLines, string addedText, DateTimeOffset time)
    {
        var text = string.Concat(baseLines.Select(line => line + "\n")) + addedText;
        return new FileEntry(path, FileType.RegularFile, AccountFileMode, 0, 0, time)
        {
            Content = new BytesContent(Encoding.UTF8.GetBytes(text)),
        };
    }
}
