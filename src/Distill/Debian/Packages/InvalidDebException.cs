namespace Distill.Debian.Packages;

/// <summary>
/// A .deb file that cannot be read: not an ar archive, a member missing or out of order, an unsupported
/// compression, truncated or corrupt data. <see cref="PackageFile"/> is the path or name of the .deb.
/// </summary>
public class InvalidDebException : DistillException
{
    public InvalidDebException(string packageFile, string problem)
        : base(FormatMessage(packageFile, problem))
    {
        PackageFile = packageFile;
    }

    public InvalidDebException(string packageFile, string problem, Exception innerException)
        : base(FormatMessage(packageFile, problem), innerException)
    {
        PackageFile = packageFile;
    }

    public string PackageFile { get; }

    private static string FormatMessage(string packageFile, string problem) =>
        $"cannot read Debian package '{packageFile}': {problem}. " +
        "Check that the file is a complete .deb, for example with 'dpkg-deb --info', and download it again.";
}
