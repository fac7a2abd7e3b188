using System.Runtime.InteropServices;

namespace Distill.Output;

/// <summary>The type of a file system entry, read with statx(2), which .NET's file APIs do not report.</summary>
internal enum UnixFileKind
{
    Missing,
    RegularFile,
    Directory,
    Other,
}

internal static partial class UnixFileType
{
    private const int CurrentDirectory = -100;
    private const uint StatxType = 0x0001;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    // struct statx has the same layout on every architecture; stx_mode is the 16-bit field at byte 28.
    private const int ModeOffset = 28;
    private const int StatxSize = 256;

    /// <summary>Returns what a path names, following symlinks.</summary>
    public static UnixFileKind Of(string path)
    {
        var buffer = new byte[StatxSize];
        if (Statx(CurrentDirectory, path, 0, StatxType, buffer) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is NoSuchFile or NotADirectory
                ? UnixFileKind.Missing
                : throw new IOException($"cannot read the type of {path}: error {error}");
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => UnixFileKind.RegularFile,
            0x4000 => UnixFileKind.Directory,
            _ => UnixFileKind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
