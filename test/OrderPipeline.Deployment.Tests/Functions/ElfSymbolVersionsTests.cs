using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests.Functions;

public sealed class ElfSymbolVersionsTests
{
    private static readonly (string Library, string[] Versions)[] Needed =
    [
        ("libc.so.6", ["GLIBC_2.9", "GLIBC_2.34", "GLIBC_2.2.5", "GLIBC_PRIVATE", "GLIBC_2.17"]),
        ("libm.so.6", ["GLIBC_2.29"]),
        ("libgcc_s.so.1", ["GCC_3.0"]),
    ];

    public static TheoryData<string> SystemBinaries => ["/bin/ls", Environment.ProcessPath!];

    [Fact]
    public void Parse_VersionNeeds_ReturnsEachLibrarysVersionsInFileOrder()
    {
        var versions = ElfSymbolVersions.Parse(ElfImageBuilder.Build(Needed));

        Assert.Equal(Needed.Select(n => n.Library).Order(), versions.Needed.Keys.Order());
        Assert.All(Needed, n => Assert.Equal(n.Versions, versions.Needed[n.Library]));
    }

    [Fact]
    public void MaxGlibcVersion_AcrossLibraries_IsNumericMaximum()
    {
        var versions = ElfSymbolVersions.Parse(ElfImageBuilder.Build(Needed));

        Assert.Equal(new Version(2, 34), versions.MaxGlibcVersion);
    }

    [Theory]
    [InlineData(new[] { "GLIBC_2.9", "GLIBC_2.17" }, "2.17")]
    [InlineData(new[] { "GLIBC_2.17", "GLIBC_2.9" }, "2.17")]
    [InlineData(new[] { "GLIBC_2.9", "GLIBC_2.34", "GLIBC_2.17" }, "2.34")]
    [InlineData(new[] { "GLIBC_2.2.5", "GLIBC_2.3" }, "2.3")]
    [InlineData(new[] { "GLIBC_PRIVATE", "GCC_3.0", "GLIBC_2.3.4" }, "2.3.4")]
    public void MaxGlibc_VersionNames_ComparesNumerically(string[] names, string expected)
    {
        Assert.Equal(Version.Parse(expected), ElfSymbolVersions.MaxGlibc(names));
    }

    [Theory]
    [InlineData("GLIBC_PRIVATE")]
    [InlineData("GLIBC_ABI_DT_RELR")]
    [InlineData("GCC_3.0")]
    [InlineData("GLIBC_2")]
    [InlineData("GLIBC_ 2.3")]
    public void TryParseGlibcVersion_NotNumericGlibcName_ReturnsFalse(string name)
    {
        Assert.False(ElfSymbolVersions.TryParseGlibcVersion(name, out _));
        Assert.Null(ElfSymbolVersions.MaxGlibc([name]));
    }

    [Fact]
    public void Parse_TruncatedImage_ThrowsInvalidData()
    {
        var image = ElfImageBuilder.Build(Needed);

        Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.Parse(image.AsSpan(0, image.Length - 1)));
    }

    [Fact]
    public void Parse_NotElf_ThrowsInvalidData()
    {
        byte[] script = [.. "#!/bin/sh\nexec true\n"u8, .. new byte[64]];

        Assert.Throws<InvalidDataException>(() => ElfSymbolVersions.Parse(script));
    }

    [Theory]
    [MemberData(nameof(SystemBinaries))]
    public void Read_DynamicallyLinkedSystemBinary_NeedsGlibc2VersionsFromLibc(string path)
    {
        var versions = ElfSymbolVersions.Read(path);

        Assert.Contains(versions.Needed["libc.so.6"], name => name.StartsWith("GLIBC_2.", StringComparison.Ordinal));
        Assert.Equal(2, versions.MaxGlibcVersion?.Major);
    }
}
