using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Tests.Logging;

public sealed class LogLevelNamesTests
{
    [Theory]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData(" Warn ", LogLevel.Warn)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("FATAL", LogLevel.Fatal)]
    [InlineData("VERBOSE", LogLevel.Info)]
    [InlineData("", LogLevel.Info)]
    [InlineData(null, LogLevel.Info)]
    public void Parse_Name_GivesLevelOrFallback(string? name, LogLevel expected)
    {
        Assert.Equal(expected, LogLevelNames.Parse(name, LogLevel.Info));
    }

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Warn, "WARN")]
    [InlineData(LogLevel.Fatal, "FATAL")]
    public void ToJson_Level_GivesLambdasName(LogLevel level, string expected)
    {
        Assert.Equal(expected, LogLevelNames.ToJson(level).Value);
    }
}
