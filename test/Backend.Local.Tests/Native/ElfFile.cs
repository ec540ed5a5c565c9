using System.Buffers.Binary;
using System.Text;

namespace Backend.Local.Tests.Native;

/// <summary>One library an executable names in its version-needed section, with the symbol versions it wants from it.</summary>
public sealed record VersionNeed(string Library, IReadOnlyList<string> Versions);

/// <summary>
/// What a dynamically linked ELF64 little-endian executable asks of the machine that loads it: the shared libraries
/// it names (DT_NEEDED in .dynamic) and the symbol versions it wants from each (SHT_GNU_verneed, .gnu.version_r).
/// Our own reader, so that checking a native bootstrap needs no readelf or objdump on the test machine.
/// It finds sections by type and follows sh_link to their string table, as the loader's tools do: section names
/// are only a convention. Layouts follow the System V gABI and the LSB's GNU versioning extension.
/// </summary>
public sealed class ElfFile
{
    const uint SectionTypeDynamic = 6;              // SHT_DYNAMIC
    const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    const long DynamicTagNull = 0;                  // DT_NULL ends the .dynamic array
    const long DynamicTagNeeded = 1;                // DT_NEEDED: d_val is an offset into the linked string table
    const int SectionHeaderSize = 64;               // sizeof(Elf64_Shdr)
    const int DynamicEntrySize = 16;                // sizeof(Elf64_Dyn)

    /// <summary>The DT_NEEDED libraries, in file order (the order the loader searches them).</summary>
    public IReadOnlyList<string> Needed { get; }

    /// <summary>The version-needed entries, in file order; empty for a file that asks for no symbol versions.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds { get; }

    ElfFile(IReadOnlyList<string> needed, IReadOnlyList<VersionNeed> versionNeeds)
    {
        Needed = needed;
        VersionNeeds = versionNeeds;
    }

    public static ElfFile Read(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or one whose tables point outside it.</exception>
    public static ElfFile Parse(byte[] bytes)
    {
        var file = new Bytes(bytes);
        // e_ident: magic, then EI_CLASS 2 (ELFCLASS64) and EI_DATA 1 (ELFDATA2LSB). Every offset below assumes both.
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw new InvalidDataException("Not an ELF file.");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        try
        {
            var sections = ReadSectionHeaders(file);
            return new ElfFile(ReadNeeded(file, sections), ReadVersionNeeds(file, sections));
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException("An offset in the file overflows.", e);
        }
    }

    readonly record struct Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);

    static List<Section> ReadSectionHeaders(Bytes file)
    {
        ulong tableOffset = file.U64(0x28); // e_shoff
        // Without section headers (a hand-stripped file) there is nothing to read the needs from; saying "needs
        // nothing" would pass a file we never looked into.
        if (tableOffset == 0) throw new InvalidDataException("The file has no section headers.");
        if (file.U16(0x3A) != SectionHeaderSize) throw new InvalidDataException("Unexpected section header size."); // e_shentsize
        ulong count = file.U16(0x3C); // e_shnum
        // Over 0xff00 sections, e_shnum is 0 and the real count sits in section 0's sh_size.
        if (count == 0) count = ReadSection(file, tableOffset).Size;
        var sections = new List<Section>();
        for (ulong i = 0; i < count; i++) sections.Add(ReadSection(file, checked(tableOffset + i * SectionHeaderSize)));
        return sections;
    }

    // Elf64_Shdr: sh_name u32, sh_type u32, sh_flags u64, sh_addr u64, sh_offset u64, sh_size u64, sh_link u32, sh_info u32, ...
    static Section ReadSection(Bytes file, ulong at) =>
        new(file.U32(at + 4), file.U64(at + 24), file.U64(at + 32), file.U32(at + 40), file.U32(at + 44));

    static List<string> ReadNeeded(Bytes file, List<Section> sections)
    {
        var needed = new List<string>();
        // A statically linked file has no .dynamic: it needs nothing from the system.
        foreach (var dynamic in sections.Where(s => s.Type == SectionTypeDynamic))
        {
            var strings = LinkedStringTable(sections, dynamic);
            for (ulong at = dynamic.Offset; at + DynamicEntrySize <= checked(dynamic.Offset + dynamic.Size); at += DynamicEntrySize)
            {
                long tag = (long)file.U64(at); // Elf64_Dyn: d_tag i64, d_val u64
                if (tag == DynamicTagNull) break;
                if (tag == DynamicTagNeeded) needed.Add(file.String(strings, file.U64(at + 8)));
            }
        }
        return needed;
    }

    static List<VersionNeed> ReadVersionNeeds(Bytes file, List<Section> sections)
    {
        var needs = new List<VersionNeed>();
        foreach (var section in sections.Where(s => s.Type == SectionTypeVersionNeed))
        {
            var strings = LinkedStringTable(sections, section);
            // A chain of Elf64_Verneed (vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32), sh_info of
            // them, each heading a chain of vn_cnt Elf64_Vernaux (vna_hash u32, vna_flags u16, vna_other u16,
            // vna_name u32, vna_next u32). vn_aux, vn_next and vna_next are byte offsets from the entry they sit in.
            ulong need = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                var versions = new List<string>();
                ulong aux = checked(need + file.U32(need + 8));
                for (int j = 0; j < file.U16(need + 2); j++)
                {
                    versions.Add(file.String(strings, file.U32(aux + 8)));
                    aux = checked(aux + file.U32(aux + 12));
                }
                needs.Add(new VersionNeed(file.String(strings, file.U32(need + 4)), versions));
                need = checked(need + file.U32(need + 12));
            }
        }
        return needs;
    }

    static Section LinkedStringTable(List<Section> sections, Section section) =>
        section.Link < sections.Count ? sections[(int)section.Link] : throw new InvalidDataException("A section links to a missing string table.");

    /// <summary>Bounds-checked little-endian reads, so that a truncated or corrupt file is an InvalidDataException.</summary>
    readonly struct Bytes(byte[] bytes)
    {
        public ushort U16(ulong at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));
        public uint U32(ulong at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));
        public ulong U64(ulong at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

        /// <summary>The NUL-terminated string at <paramref name="offset"/> inside the string table <paramref name="table"/>.</summary>
        public string String(Section table, ulong offset)
        {
            if (offset >= table.Size) throw new InvalidDataException("A string offset lies outside its string table.");
            var rest = Slice(checked(table.Offset + offset), table.Size - offset);
            int end = rest.IndexOf((byte)0);
            if (end < 0) throw new InvalidDataException("A string runs past the end of its string table.");
            return Encoding.UTF8.GetString(rest[..end]);
        }

        ReadOnlySpan<byte> Slice(ulong at, ulong length) =>
            at <= (ulong)bytes.Length && length <= (ulong)bytes.Length - at
                ? bytes.AsSpan((int)at, (int)length)
                : throw new InvalidDataException($"The file ends before offset {at} + {length}.");
    }
}
