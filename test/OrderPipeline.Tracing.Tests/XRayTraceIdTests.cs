using System.Diagnostics;
using CsCheck;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

public sealed class XRayTraceIdTests
{
    [Fact]
    public void Format_ActivityTraceId_SplitsTheSameDigitsIntoXRayForm() =>
        Assert.Equal(Headers.Root, XRayTraceId.Format(ActivityTraceId.CreateFromString(Headers.RootHex)));

    [Fact]
    public void TryParse_DocumentedRoot_GivesTheSameDigits()
    {
        Assert.True(XRayTraceId.TryParse(Headers.Root, out var id));

        Assert.Equal(Headers.RootHex, id.ToHexString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1-5759e988-bd862e3fe1be46a994272793 ")]
    [InlineData("0-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1_5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1-5759e988_bd862e3fe1be46a994272793")]
    [InlineData("1-5759e988-bd862e3fe1be46a9942727")]
    [InlineData("1-5759E988-bd862e3fe1be46a994272793")]
    [InlineData("1-00000000-000000000000000000000000")]
    public void TryParse_NotAnXRayId_ReturnsFalse(string root)
    {
        Assert.False(XRayTraceId.TryParse(root, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void FormatThenTryParse_AnyTraceId_GivesItBack() =>
        TraceGen.TraceId.Sample(id => XRayTraceId.TryParse(XRayTraceId.Format(id), out var parsed) && parsed == id);

    [Fact]
    public void TryParseThenFormat_AnyXRayId_GivesItBack() =>
        Gen.String[Gen.Char["0123456789abcdef"], 32, 32].Where(hex => hex.Any(c => c != '0'))
            .Select(hex => $"1-{hex[..8]}-{hex[8..]}")
            .Sample(root => XRayTraceId.TryParse(root, out var id) && XRayTraceId.Format(id) == root);

    [Fact]
    public void New_Clock_StartsWithItsEpochSecondsInHex()
    {
        var now = new DateTimeOffset(2026, 11, 26, 5, 13, 57, TimeSpan.Zero);

        var root = XRayTraceId.Format(XRayTraceId.New(new ManualTimeProvider(now)));

        Assert.StartsWith("1-6b07c015-", root, StringComparison.Ordinal);
        Assert.True(XRayTraceId.TryParse(root, out var id));
        Assert.Equal(1_795_670_037, XRayTraceId.EpochSeconds(id));
    }

    [Fact]
    public void New_TwoCalls_DifferInTheRandomPart()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 26, 5, 13, 57, TimeSpan.Zero));

        Assert.NotEqual(XRayTraceId.New(clock), XRayTraceId.New(clock));
    }
}
