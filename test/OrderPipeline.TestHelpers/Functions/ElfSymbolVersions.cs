using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// The symbol versions an ELF64 little-endian executable needs from each shared library, read from its
/// <c>.gnu.version_r</c> (SHT_GNU_verneed) sections, e.g. <c>libc.so.6</c> → <c>GLIBC_2.2.5</c>, <c>GLIBC_2.34</c>.
/// A binary for provided.al2023 must need no GLIBC version above 2.34.
/// </summary>
public sealed class ElfSymbolVersions
{
    private const uint SectionTypeGnuVerneed = 0x6ffffffe;
    private const int SectionHeaderSize = 64;
    private const int VerneedEntrySize = 16;
    private const int VernauxEntrySize = 16;
    private const string GlibcPrefix = "GLIBC_";

    private ElfSymbolVersions(IReadOnlyDictionary<string, IReadOnlyList<string>> needed)
    {
        Needed = needed;
    }

    /// <summary>Version names by library file name; each library's names in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Needed { get; }

    /// <summary>The highest <c>GLIBC_x.y[.z]</c> needed from any library; null when none is.</summary>
    public Version? MaxGlibcVersion => MaxGlibc(Needed.Values.SelectMany(versions => versions));

    /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or a malformed one.</exception>
    public static ElfSymbolVersions Read(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="InvalidDataException">Not an ELF64 little-endian image, or a malformed one.</exception>
    public static ElfSymbolVersions Parse(ReadOnlySpan<byte> image)
    {
        if (image.Length < 64 || !image[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidDataException("Not an ELF file.");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        }

        var tableOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(image[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3A..]);
        long count = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3C..]);
        if (tableOffset == 0)
        {
            return new ElfSymbolVersions(new Dictionary<string, IReadOnlyList<string>>());
        }

        if (entrySize < SectionHeaderSize)
        {
            throw new InvalidDataException($"Section header entries of {entrySize} bytes are too small.");
        }

        if (count == 0)
        {
            // Extended numbering: the real count is the first section header's sh_size.
            count = (long)BinaryPrimitives.ReadUInt64LittleEndian(Slice(image, tableOffset + 32, 8));
        }

        var needed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var header = Slice(image, tableOffset + (i * entrySize), SectionHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SectionTypeGnuVerneed)
            {
                continue;
            }

            var link = BinaryPrimitives.ReadUInt32LittleEndian(header[40..]);
            if (link >= count)
            {
                throw new InvalidDataException($"The version section links to section {link} of {count}.");
            }

            var strings = SectionData(image, Slice(image, tableOffset + (link * entrySize), SectionHeaderSize));
            var entries = BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);
            ReadVerneed(SectionData(image, header), entries, strings, needed);
        }

        return new ElfSymbolVersions(needed);
    }

    /// <summary>The highest of the <c>GLIBC_x.y[.z]</c> names, compared numerically (2.9 &lt; 2.17 &lt; 2.34).</summary>
    public static Version? MaxGlibc(IEnumerable<string> versionNames)
    {
        Version? max = null;
        foreach (var name in versionNames)
        {
            if (TryParseGlibcVersion(name, out var version) && (max is null || version > max))
            {
                max = version;
            }
        }

        return max;
    }

    /// <summary><c>GLIBC_2.34</c> → 2.34; false for names such as <c>GLIBC_PRIVATE</c> or <c>GCC_3.0</c>.</summary>
    public static bool TryParseGlibcVersion(string versionName, [NotNullWhen(true)] out Version? version)
    {
        version = null;
        return versionName.StartsWith(GlibcPrefix, StringComparison.Ordinal)
            && versionName[GlibcPrefix.Length..].All(c => char.IsAsciiDigit(c) || c == '.')
            && Version.TryParse(versionName[GlibcPrefix.Length..], out version);
    }

    private static void ReadVerneed(
        ReadOnlySpan<byte> section, uint entries, ReadOnlySpan<byte> strings, Dictionary<string, IReadOnlyList<string>> needed)
    {
        long entryOffset = 0;
        for (var n = 0u; n < entries; n++)
        {
            var entry = Slice(section, entryOffset, VerneedEntrySize);
            if (BinaryPrimitives.ReadUInt16LittleEndian(entry) != 1)
            {
                throw new InvalidDataException("Unknown vn_version in .gnu.version_r.");
            }

            int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]);
            var file = ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
            var versions = new List<string>(auxCount);
            var auxOffset = entryOffset + BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            for (var a = 0; a < auxCount; a++)
            {
                var aux = Slice(section, auxOffset, VernauxEntrySize);
                versions.Add(ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(aux[8..])));
                auxOffset += BinaryPrimitives.ReadUInt32LittleEndian(aux[12..]);
            }

            needed[file] = versions;
            entryOffset += BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
        }
    }

    private static ReadOnlySpan<byte> SectionData(ReadOnlySpan<byte> image, ReadOnlySpan<byte> header) => Slice(
        image,
        (long)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]),
        (long)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]));

    private static string ReadString(ReadOnlySpan<byte> strings, uint offset)
    {
        var rest = Slice(strings, offset, strings.Length - (long)offset);
        var end = rest.IndexOf((byte)0);
        return end < 0
            ? throw new InvalidDataException($"Unterminated string at offset {offset}.")
            : Encoding.ASCII.GetString(rest[..end]);
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> span, long offset, long length) =>
        offset < 0 || length < 0 || offset > span.Length || length > span.Length - offset
            ? throw new InvalidDataException($"{length} bytes at offset {offset} lie outside {span.Length} bytes.")
            : span.Slice((int)offset, (int)length);
}
