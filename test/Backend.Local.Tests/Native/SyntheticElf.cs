using System.Buffers.Binary;
using System.Text;

namespace Backend.Local.Tests.Native;

/// <summary>
/// Writes the smallest ELF64 little-endian file that names shared libraries and symbol versions: a header, two
/// program headers (one PT_LOAD mapping the whole file at address 0, so addresses equal offsets, and PT_DYNAMIC,
/// which readelf needs to find .dynamic) and five sections (null, .dynstr, .dynamic, .gnu.version_r, .shstrtab);
/// no code. It lets a test ask for exactly the needs a real binary would only have on a newer build machine
/// (GLIBC_2.99, libfoo.so.1).
/// </summary>
static class SyntheticElf
{
    const int HeaderSize = 64;
    const int SectionHeaderSize = 64;
    const int ProgramHeaderSize = 56;
    const int BodyOffset = HeaderSize + 2 * ProgramHeaderSize; // 8-aligned, where .dynstr starts

    public static byte[] Build(IReadOnlyList<string> needed, IReadOnlyList<VersionNeed> versionNeeds)
    {
        var dynstr = new StringTable();
        var dynamic = new List<byte>();
        foreach (var library in needed) Append(dynamic, U64(1), U64(dynstr.Add(library))); // DT_NEEDED

        var verneed = new List<byte>();
        ushort versionIndex = 2; // vna_other: indexes 0 and 1 mean local and global, so needed versions start at 2
        for (int i = 0; i < versionNeeds.Count; i++)
        {
            var need = versionNeeds[i];
            int entrySize = 16 + 16 * need.Versions.Count; // one Elf64_Verneed, then its Elf64_Vernaux right after it
            uint next = i == versionNeeds.Count - 1 ? 0u : (uint)entrySize;
            Append(verneed, U16(1), U16((ushort)need.Versions.Count), U32(dynstr.Add(need.Library)), U32(16), U32(next));
            for (int j = 0; j < need.Versions.Count; j++)
            {
                uint auxNext = j == need.Versions.Count - 1 ? 0u : 16u;
                // vna_hash is left 0: the loader checks it against the library's, but readers (ours, readelf) do not.
                Append(verneed, U32(0), U16(0), U16(versionIndex++), U32(dynstr.Add(need.Versions[j])), U32(auxNext));
            }
        }

        // After every dynstr.Add: readelf finds the string table through DT_STRTAB/DT_STRSZ, not the section headers.
        Append(dynamic, U64(5), U64(BodyOffset), U64(10), U64((ulong)dynstr.Bytes.Count)); // DT_STRTAB, DT_STRSZ
        Append(dynamic, U64(0), U64(0));                                                     // DT_NULL

        var shstrtab = new StringTable();
        var body = new List<byte>();
        var sections = new List<byte>(new byte[SectionHeaderSize]); // section 0 is all zeros
        ulong AddSection(string name, uint type, ulong flags, List<byte> data, uint link, uint info, ulong entrySize)
        {
            uint nameOffset = shstrtab.Add(name); // first: .shstrtab names itself, so its own name must be in its data
            while (body.Count % 8 != 0) body.Add(0);
            ulong offset = (ulong)(BodyOffset + body.Count);
            body.AddRange(data);
            ulong address = flags == 0 ? 0 : offset; // only SHF_ALLOC sections are mapped
            Append(sections, U32(nameOffset), U32(type), U64(flags), U64(address), U64(offset), U64((ulong)data.Count),
                U32(link), U32(info), U64(8), U64(entrySize));
            return offset;
        }
        const ulong Alloc = 2, Write = 1; // SHF_ALLOC, SHF_WRITE
        AddSection(".dynstr", 3, Alloc, dynstr.Bytes, 0, 0, 0);                                    // section 1, SHT_STRTAB
        ulong dynamicOffset = AddSection(".dynamic", 6, Alloc | Write, dynamic, 1, 0, 16);         // SHT_DYNAMIC
        AddSection(".gnu.version_r", 0x6ffffffe, Alloc, verneed, 1, (uint)versionNeeds.Count, 0);  // SHT_GNU_verneed
        AddSection(".shstrtab", 3, 0, shstrtab.Bytes, 0, 0, 0);                                    // section 4
        while (body.Count % 8 != 0) body.Add(0);
        ulong sectionsOffset = (ulong)(BodyOffset + body.Count);

        var file = new List<byte>();
        Append(file, [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // ELFCLASS64, LSB, EV_CURRENT
        Append(file, U16(3), U16(62), U32(1), U64(0), U64(HeaderSize));         // ET_DYN, EM_X86_64, e_version, no entry, e_phoff
        Append(file, U64(sectionsOffset), U32(0));                              // e_shoff, e_flags
        Append(file, U16(HeaderSize), U16(ProgramHeaderSize), U16(2), U16(SectionHeaderSize), U16(5), U16(4)); // ..., e_shstrndx
        ulong fileSize = sectionsOffset + 5 * SectionHeaderSize;
        // Elf64_Phdr: p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align.
        Append(file, U32(1), U32(4), U64(0), U64(0), U64(0), U64(fileSize), U64(fileSize), U64(0x1000));  // PT_LOAD, R
        Append(file, U32(2), U32(6), U64(dynamicOffset), U64(dynamicOffset), U64(dynamicOffset),          // PT_DYNAMIC, RW
            U64((ulong)dynamic.Count), U64((ulong)dynamic.Count), U64(8));
        file.AddRange(body);
        file.AddRange(sections);
        return [.. file];
    }

    static void Append(List<byte> to, params byte[][] parts)
    {
        foreach (var part in parts) to.AddRange(part);
    }

    static byte[] U16(ushort value) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, value); return b; }
    static byte[] U32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); return b; }
    static byte[] U64(ulong value) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, value); return b; }

    /// <summary>An ELF string table: starts with the empty string, each string NUL-terminated, added once.</summary>
    sealed class StringTable
    {
        readonly Dictionary<string, uint> offsets = new(StringComparer.Ordinal);
        public List<byte> Bytes { get; } = [0];

        public uint Add(string text)
        {
            if (offsets.TryGetValue(text, out uint existing)) return existing;
            uint offset = (uint)Bytes.Count;
            Bytes.AddRange(Encoding.UTF8.GetBytes(text));
            Bytes.Add(0);
            offsets[text] = offset;
            return offset;
        }
    }
}
