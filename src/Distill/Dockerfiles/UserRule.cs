using Distill.Content;

namespace Distill.Dockerfiles;

/// <summary>
/// Checks USER against the accounts of the base. Distill's and Google's distroless images list only root
/// (0), nobody (65534) and nonroot (65532) in /etc/passwd, and the groups root, tty, staff, nobody and
/// nonroot. A name that is not listed stops the container from starting; a number that is not listed runs,
/// with no name and HOME=/. Scratch has no /etc/passwd, so only numbers work there. A stage that copies its
/// own /etc/passwd is not checked.
/// </summary>
internal static class UserRule
{
    public static void Check(Instruction instruction, string user, StageState state, List<LintFinding> findings)
    {
        var isScratch = state.Base.Kind == BaseImageKind.Scratch;
        user = user.Trim();
        if ((!state.Base.HasDistrolessAccounts && !isScratch) || state.Copied("/etc/passwd") || user.Length == 0
            || user.Contains('$'))
        {
            return;
        }

        var parts = user.Split(':', 2);
        var baseName = state.Base.Reference;
        var message = isScratch ? CheckScratch(user, parts) : CheckUser(user, parts[0], baseName);
        if (message is null && !isScratch && parts.Length == 2)
        {
            message = CheckGroup(user, parts[1], baseName);
        }

        if (message is { } found)
        {
            findings.Add(new LintFinding(
                instruction.Line, instruction.Column, LintRules.UnknownUser, found.Severity, found.Text));
        }
    }

    private static (LintSeverity Severity, string Text)? CheckScratch(string user, string[] parts)
    {
        var name = parts.FirstOrDefault(part => !IsNumber(part));
        return name is null
            ? null
            : (LintSeverity.Error,
                $"USER {user} names \"{name}\", but scratch has no /etc/passwd or /etc/group to look it up in, so the "
                + "container fails to start: use a number such as 65532, or COPY an /etc/passwd and /etc/group "
                + "that list it");
    }

    private static (LintSeverity Severity, string Text)? CheckUser(string user, string name, string baseName)
    {
        var listed = JoinWithAnd(Accounts.Users.Select(account => $"{account.Name} ({account.Uid})"));
        if (IsNumber(name))
        {
            return Accounts.Users.Any(account => account.Uid.ToString() == name.TrimStart('0').PadLeft(1, '0'))
                ? null
                : (LintSeverity.Warning,
                    $"USER {user}: uid {name} has no entry in the /etc/passwd of {baseName}, which lists {listed}. "
                    + $"The container runs, but with no user name and HOME=/: use {Accounts.NonrootId} (nonroot) "
                    + $"unless files need uid {name}");
        }

        return Accounts.Users.Any(account => account.Name == name)
            ? null
            : (LintSeverity.Error,
                $"USER {user}: user \"{name}\" is not in the /etc/passwd of {baseName}, which lists {listed}, so the "
                + $"container fails to start: use nonroot or a numeric uid such as {Accounts.NonrootId}");
    }

    private static (LintSeverity Severity, string Text)? CheckGroup(string user, string group, string baseName)
    {
        var listed = JoinWithAnd(Accounts.Groups.Select(account => $"{account.Name} ({account.Gid})"));
        if (IsNumber(group))
        {
            return Accounts.Groups.Any(account => account.Gid.ToString() == group.TrimStart('0').PadLeft(1, '0'))
                ? null
                : (LintSeverity.Warning,
                    $"USER {user}: gid {group} has no entry in the /etc/group of {baseName}, which lists {listed}. "
                    + $"The container runs, but the group has no name: use {Accounts.NonrootId} (nonroot) unless files "
                    + $"need gid {group}");
        }

        return Accounts.Groups.Any(account => account.Name == group)
            ? null
            : (LintSeverity.Error,
                $"USER {user}: group \"{group}\" is not in the /etc/group of {baseName}, which lists {listed}, so the "
                + $"container fails to start: use nonroot or a numeric gid such as {Accounts.NonrootId}");
    }

    private static string JoinWithAnd(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count < 2 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
