using System.Text;

namespace Distill.Content;

/// <summary>A user account as /etc/passwd lists it.</summary>
public sealed record UserAccount(string Name, int Uid, int Gid, string Home, string Shell = "/sbin/nologin");

/// <summary>A group as /etc/group lists it.</summary>
public sealed record GroupAccount(string Name, int Gid, IReadOnlyList<string>? Members = null);

/// <summary>
/// The users and groups of a distroless image. base-files' postinst would copy its master passwd and
/// group files, which list dozens of system accounts; a distroless image carries only the few its
/// programs run as.
/// </summary>
public static class Accounts
{
    public const int NonrootId = 65532;

    public static readonly IReadOnlyList<UserAccount> Users =
    [
        new("root", 0, 0, "/root"),
        new("nobody", 65534, 65534, "/nonexistent"),
        new("nonroot", NonrootId, NonrootId, "/home/nonroot"),
    ];

    public static readonly IReadOnlyList<GroupAccount> Groups =
    [
        new("root", 0),
        new("tty", 5),
        new("staff", 50),
        new("nobody", 65534),
        new("nonroot", NonrootId),
    ];

    public static string FormatPasswd(IEnumerable<UserAccount> users)
    {
        var text = new StringBuilder();
        foreach (var user in users)
        {
            text.Append($"{user.Name}:x:{user.Uid}:{user.Gid}:{user.Name}:{user.Home}:{user.Shell}\n");
        }

        return text.ToString();
    }

    public static string FormatGroup(IEnumerable<GroupAccount> groups)
    {
        var text = new StringBuilder();
        foreach (var group in groups)
        {
            text.Append($"{group.Name}:x:{group.Gid}:{string.Join(',', group.Members ?? [])}\n");
        }

        return text.ToString();
    }
}
