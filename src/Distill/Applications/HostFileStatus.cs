using System.Runtime.InteropServices;

namespace Distill.Applications;

/// <summary>
/// The fields of lstat(2) that .NET does not expose: the device and inode, which hard links of one file
/// share, and whether the path is a regular file rather than a FIFO, socket or device.
/// </summary>
internal readonly partial record struct HostFileStatus(ulong Device, ulong Inode, bool IsRegularFile)
{
    /// <summary>Larger than struct stat on every 64-bit Linux architecture (144 bytes on x86-64).</summary>
    private const int StatBufferSize = 256;

    private const uint FileTypeMask = 0xF000;
    private const uint RegularFileType = 0x8000;

    /// <summary>
    /// Reads the status of a path without following a final symbolic link. st_dev and st_ino are the first
    /// two 8-byte fields of struct stat on x86-64 and on the generic layout of arm64. st_mode follows the
    /// 8-byte st_nlink on x86-64 (offset 24) and comes before a 4-byte st_nlink on arm64 (offset 16).
    /// </summary>
    public static HostFileStatus Of(string path)
    {
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            var other => throw new DistillException(
                $"--add is not supported on {other} hosts: run distill on an amd64 or arm64 host"),
        };
        var buffer = new byte[StatBufferSize];
        if (LStat(path, ref buffer[0]) != 0)
        {
            throw new DistillException(
                $"cannot read '{path}' on the host: lstat failed with errno {Marshal.GetLastPInvokeError()}");
        }

        var mode = BitConverter.ToUInt32(buffer, modeOffset);
        return new HostFileStatus(
            BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), (mode & FileTypeMask) == RegularFileType);
    }

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, ref byte buffer);
}
