using System.CommandLine;

namespace Distill.Cli.Commands;

/// <summary>Options that every command which reads the Debian archive or writes images shares.</summary>
public sealed class CommonOptions
{
    public Option<string?> Mirror { get; } = new("--mirror")
    {
        Description = "Debian mirror URL (default: $DISTILL_MIRROR, else the mirror of the host's apt sources)",
    };

    public Option<string?> SecurityMirror { get; } = new("--security-mirror")
    {
        Description = "Debian security mirror URL (default: $DISTILL_SECURITY_MIRROR, else from the apt sources)",
    };

    public Option<string?> Keyring { get; } = new("--keyring")
    {
        Description = "OpenPGP keyring that signs the archive (default: $DISTILL_KEYRING, else "
            + "/usr/share/keyrings/debian-archive-keyring.gpg)",
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "directory for downloaded packages and built layers (default: $DISTILL_CACHE_DIR, else "
            + "$XDG_CACHE_HOME/distill or ~/.cache/distill)",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "print only errors and the digests" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "print debug detail, HTTP included" };

    public void AddTo(Command command)
    {
        command.Options.Add(Mirror);
        command.Options.Add(SecurityMirror);
        command.Options.Add(Keyring);
        command.Options.Add(CacheDir);
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }
}
