using OrderPipeline.TestHelpers;
using Xunit.Sdk;

namespace OrderPipeline.Deployment.Tests;

/// <summary>How a test with an optional prerequisite ends on a clone, and in CI.</summary>
public sealed class OptionalPrerequisiteTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void Require_Present_DoesNothing(string? ci) =>
        OptionalPrerequisite.Require(true, "Chromium is missing.", "install it.", ci);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void Require_MissingOutsideCi_SkipsWithTheReasonAndHowToEnable(string? ci)
    {
        var skip = Assert.Throws<Xunit.SkipException>(() => OptionalPrerequisite.Require(false, "Chromium is missing.", "install it.", ci));

        Assert.Equal("Chromium is missing. Skipped; to run it: install it.", skip.Message);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void Require_MissingUnderCi_Fails(string ci)
    {
        var failure = Assert.Throws<XunitException>(() => OptionalPrerequisite.Require(false, "Chromium is missing.", "install it.", ci));

        Assert.IsNotType<Xunit.SkipException>(failure);
        Assert.Equal($"Chromium is missing. Under CI={ci} this test must run: install it.", failure.Message);
    }
}
