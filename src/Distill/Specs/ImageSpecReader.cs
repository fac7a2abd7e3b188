using System.Text;
using Distill.Applications;
using Distill.Building;
using Distill.Content;
using Distill.Debian.Archive;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Distill.Specs;

/// <summary>
/// Reads an image spec, a YAML mapping whose keys docs/image-spec.schema.json describes. Every error names
/// the file, the line and column (both from 1) of the offending node, and what to write instead. Host paths
/// of <c>source</c> are relative to the spec file's folder.
/// </summary>
public sealed partial class ImageSpecReader
{
    private static readonly string[] TopKeys =
    [
        "base", "distro", "architectures", "nonroot", "debug", "packages", "exclude", "files", "directories",
        "symlinks", "entrypoint", "cmd", "env", "workdir", "user", "ports", "labels", "annotations", "volumes",
        "stopSignal", "users", "groups",
    ];

    private static readonly string[] UserKeys = ["name", "uid", "gid", "home", "shell"];
    private static readonly string[] GroupKeys = ["name", "gid", "members"];

    private static readonly string[] FileKeys = ["source", "content", "destination", "mode", "uid", "gid"];
    private static readonly string[] DirectoryKeys = ["path", "mode", "uid", "gid"];
    private static readonly string[] SymlinkKeys = ["path", "target"];

    private const int DefaultFileMode = 0b110_100_100;
    private const int DefaultDirectoryMode = 0b111_101_101;

    private readonly string file;
    private readonly string folder;

    private ImageSpecReader(string file, string folder)
    {
        this.file = file;
        this.folder = folder;
    }

    /// <summary>Returns whether the IMAGE argument of `distill build` names a spec file, not an image.</summary>
    public static bool IsSpecPath(string image) =>
        image.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || image.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || File.Exists(image);

    public static ImageSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageSpecException($"image spec '{path}' not found: give the path of a YAML file");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new ImageSpecReader(path, folder).Read(File.ReadAllText(path));
    }

    /// <summary>Parses spec text; <paramref name="file"/> names it in errors, and its folder anchors sources.</summary>
    public static ImageSpec Parse(string text, string file, string folder) =>
        new ImageSpecReader(file, folder).Read(text);

    private ImageSpec Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException problem)
        {
            throw new ImageSpecException(
                $"{file}:{problem.Start.Line}:{problem.Start.Column}: invalid YAML: {problem.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ImageSpecException($"{file}: expected one YAML document, found {stream.Documents.Count}");
        }

        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "the spec must be a mapping of keys such as base, files "
                + "and entrypoint");
        return ReadTop(root);
    }

    private ImageSpec ReadTop(YamlMappingNode root)
    {
        var spec = new ImageSpec();
        var application = new ApplicationSpec();
        foreach (var (key, value) in Entries(root, TopKeys, "the spec"))
        {
            switch (key)
            {
                case "base":
                    spec = spec with { Base = Convert(value, key, BaseImageCatalog.Parse) };
                    break;
                case "distro":
                    spec = spec with { Distro = Convert(value, key, DebianDistro.Parse) };
                    break;
                case "architectures":
                    spec = spec with { Architectures = Architectures(value) };
                    break;
                case "nonroot":
                    spec = spec with { Nonroot = Boolean(value, key) };
                    break;
                case "debug":
                    spec = spec with { Debug = Boolean(value, key) };
                    break;
                case "packages":
                    spec = spec with { Packages = StringList(value, key, "[curl, libpq5=15.6-0+deb12u1]") };
                    break;
                case "exclude":
                    spec = spec with { ExcludedPackages = StringList(value, key, "[perl-base]") };
                    break;
                default:
                    application = ReadApplication(application, key, value);
                    break;
            }
        }

        return spec with { Application = application };
    }

    private ApplicationSpec ReadApplication(ApplicationSpec application, string key, YamlNode value) => key switch
    {
        "files" => ReadFiles(application, value),
        "directories" => application with { Directories = Items(value, key, DirectoryKeys, ReadDirectory) },
        "symlinks" => application with { Symlinks = Items(value, key, SymlinkKeys, ReadSymlink) },
        "entrypoint" => application with { Entrypoint = ExecList(value, key) },
        "cmd" => application with { Cmd = ExecList(value, key) },
        "env" => application with
        {
            Env = [.. StringMap(value, key, "{PORT: \"8080\"}").Select(pair => $"{pair.Key}={pair.Value}")],
        },
        "workdir" => application with { WorkingDir = AbsolutePath(value, key) },
        "user" => application with { User = String(value, key, "nonroot or 65532:65532") },
        "ports" => application with { ExposedPorts = StringList(value, key, "[8080/tcp, 53/udp]") },
        "labels" => application with { Labels = StringMap(value, key, "{org.opencontainers.image.title: app}") },
        "annotations" => application with
        {
            Annotations = StringMap(value, key, "{org.opencontainers.image.source: \"...\"}"),
        },
        "volumes" => application with { Volumes = StringList(value, key, "[/data]") },
        "stopSignal" => application with { StopSignal = String(value, key, "SIGTERM") },
        "users" => application with { Users = Items(value, key, UserKeys, ReadUser) },
        "groups" => application with { Groups = Items(value, key, GroupKeys, ReadGroup) },
        _ => throw new InvalidOperationException($"key '{key}' is listed but not read"),
    };

    private ApplicationSpec ReadFiles(ApplicationSpec application, YamlNode value)
    {
        var added = new List<AddedPath>();
        var inline = new List<InlineFile>();
        foreach (var item in Items(value, "files", FileKeys, (item, name) => item))
        {
            var fields = Fields(item);
            var name = $"files[{added.Count + inline.Count}]";
            var destination = Destination(Required(item, fields, "destination", name), $"{name}.destination");
            var uid = fields.TryGetValue("uid", out var uidNode) ? Id(uidNode, $"{name}.uid") : 0;
            var gid = fields.TryGetValue("gid", out var gidNode) ? Id(gidNode, $"{name}.gid") : 0;
            int? mode = fields.TryGetValue("mode", out var modeNode) ? Mode(modeNode, $"{name}.mode") : null;
            var hasSource = fields.TryGetValue("source", out var source);
            var hasContent = fields.TryGetValue("content", out var content);
            if (hasSource == hasContent)
            {
                throw Error(item, $"{name} must have exactly one of 'source' (a host path, relative to the spec's "
                    + "folder) and 'content' (the file's text)");
            }

            if (hasSource)
            {
                var path = Path.GetFullPath(Path.Combine(folder, String(source!, $"{name}.source", "bin/server")));
                added.Add(new AddedPath(path, destination, mode, uid, gid));
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(String(content!, $"{name}.content", "\"key = value\\n\"",
                    allowEmpty: true));
                inline.Add(new InlineFile(destination, bytes, mode ?? DefaultFileMode, uid, gid));
            }
        }

        return application with { Added = added, InlineFiles = inline };
    }

    private AddedDirectory ReadDirectory(YamlMappingNode item, string name)
    {
        var fields = Fields(item);
        return new AddedDirectory(
            Destination(Required(item, fields, "path", name), $"{name}.path"),
            fields.TryGetValue("mode", out var mode) ? Mode(mode, $"{name}.mode") : DefaultDirectoryMode,
            fields.TryGetValue("uid", out var uid) ? Id(uid, $"{name}.uid") : 0,
            fields.TryGetValue("gid", out var gid) ? Id(gid, $"{name}.gid") : 0);
    }

    private UserAccount ReadUser(YamlMappingNode item, string name)
    {
        var fields = Fields(item);
        var user = String(Required(item, fields, "name", name), $"{name}.name", "app");
        var uid = Id(Required(item, fields, "uid", name), $"{name}.uid");
        var gid = fields.TryGetValue("gid", out var gidNode) ? Id(gidNode, $"{name}.gid") : uid;
        var home = fields.TryGetValue("home", out var homeNode) ? AbsolutePath(homeNode, $"{name}.home") : "/nonexistent";
        var shell = fields.TryGetValue("shell", out var shellNode)
            ? String(shellNode, $"{name}.shell", "/sbin/nologin")
            : "/sbin/nologin";
        return new UserAccount(user, uid, gid, home, shell);
    }

    private GroupAccount ReadGroup(YamlMappingNode item, string name)
    {
        var fields = Fields(item);
        var group = String(Required(item, fields, "name", name), $"{name}.name", "app");
        var gid = Id(Required(item, fields, "gid", name), $"{name}.gid");
        var members = fields.TryGetValue("members", out var membersNode)
            ? StringList(membersNode, $"{name}.members", "[app]")
            : [];
        return new GroupAccount(group, gid, members);
    }

    private AddedSymlink ReadSymlink(YamlMappingNode item, string name)
    {
        var fields = Fields(item);
        var path = Destination(Required(item, fields, "path", name), $"{name}.path");
        var target = String(Required(item, fields, "target", name), $"{name}.target", "/app/bin/server");
        return new AddedSymlink(path, target);
    }
}
