using System.Buffers.Binary;
using System.Text;

namespace OrderPipeline.Deployment.Tests.Functions;

/// <summary>
/// Writes the smallest ELF64 little-endian image with a <c>.dynstr</c> and a <c>.gnu.version_r</c> section:
/// enough for a parser of needed symbol versions, laid out as the ELF specification says.
/// </summary>
internal static class ElfImageBuilder
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int EntrySize = 16;
    private const uint StringTableType = 3;
    private const uint VerneedType = 0x6ffffffe;

    public static byte[] Build(IReadOnlyList<(string Library, string[] Versions)> needed)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var verneed = new List<byte[]>();
        for (var i = 0; i < needed.Count; i++)
        {
            var (library, versions) = needed[i];
            var next = i == needed.Count - 1 ? 0 : EntrySize * (1 + versions.Length);
            verneed.Add(Verneed((ushort)versions.Length, Add(strings, library), (uint)next));
            for (var v = 0; v < versions.Length; v++)
            {
                verneed.Add(Vernaux(Add(strings, versions[v]), v == versions.Length - 1 ? 0u : EntrySize));
            }
        }

        var stringBytes = strings.ToArray();
        var verneedBytes = verneed.SelectMany(entry => entry).ToArray();
        var verneedOffset = HeaderSize + stringBytes.Length;
        var tableOffset = verneedOffset + verneedBytes.Length;
        var image = new byte[tableOffset + (3 * SectionHeaderSize)];

        "\u007fELF"u8.CopyTo(image);
        image[4] = 2; // ELFCLASS64
        image[5] = 1; // ELFDATA2LSB
        image[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)tableOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3A), SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3C), 3);
        stringBytes.CopyTo(image, HeaderSize);
        verneedBytes.CopyTo(image, verneedOffset);
        var sections = image.AsSpan(tableOffset);
        Section(sections[SectionHeaderSize..], StringTableType, HeaderSize, stringBytes.Length, link: 0, info: 0);
        Section(
            sections[(2 * SectionHeaderSize)..], VerneedType, verneedOffset, verneedBytes.Length, link: 1, info: (uint)needed.Count);
        return image;
    }

    private static uint Add(MemoryStream strings, string text)
    {
        var offset = (uint)strings.Length;
        strings.Write(Encoding.ASCII.GetBytes(text));
        strings.WriteByte(0);
        return offset;
    }

    /// <summary>Elf64_Verneed: vn_version 1, vn_cnt, vn_file, vn_aux (the first Vernaux follows), vn_next.</summary>
    private static byte[] Verneed(ushort count, uint file, uint next)
    {
        var entry = new byte[EntrySize];
        BinaryPrimitives.WriteUInt16LittleEndian(entry, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), count);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), file);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), EntrySize);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), next);
        return entry;
    }

    /// <summary>Elf64_Vernaux: vna_hash, vna_flags and vna_other (left 0 here), vna_name, vna_next.</summary>
    private static byte[] Vernaux(uint name, uint next)
    {
        var entry = new byte[EntrySize];
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), name);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), next);
        return entry;
    }

    private static void Section(Span<byte> header, uint type, int offset, int size, uint link, uint info)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], link);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], info);
    }
}
