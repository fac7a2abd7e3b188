namespace Distill.Tests.EndToEnd;

/// <summary>Reads the machine field of an ELF header, as the System V ABI's "ELF header" section defines it.</summary>
public static class ElfHeader
{
    public const ushort MachineX86_64 = 62;

    public const ushort MachineAArch64 = 183;

    /// <summary>The bytes up to and including e_machine: e_ident (16), e_type (2), e_machine (2).</summary>
    public const int PrefixLength = 20;

    private const int DataEncodingOffset = 5;

    private const byte LittleEndian = 1;

    private const byte BigEndian = 2;

    private const int MachineOffset = 18;

    /// <summary>
    /// Returns e_machine when <paramref name="prefix"/> starts with the ELF magic number, else null. The field
    /// is read in the byte order that e_ident[EI_DATA] names.
    /// </summary>
    public static ushort? ReadMachine(ReadOnlySpan<byte> prefix)
    {
        var hasMagic = prefix.Length >= PrefixLength
            && prefix[0] == 0x7F && prefix[1] == 'E' && prefix[2] == 'L' && prefix[3] == 'F';
        if (!hasMagic)
        {
            return null;
        }

        var machine = prefix.Slice(MachineOffset, 2);
        return prefix[DataEncodingOffset] switch
        {
            LittleEndian => (ushort)(machine[0] | machine[1] << 8),
            BigEndian => (ushort)(machine[0] << 8 | machine[1]),
            var other => throw new InvalidDataException($"invalid ELF data encoding {other} in e_ident[EI_DATA]"),
        };
    }
}
