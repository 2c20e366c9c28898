using OrderPipeline.Lambda.Logging;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests.Logging;

public sealed class LambdaLoggerExtensionsTests
{
    private readonly TestLambdaLogger _logger = new();

    [Fact]
    public void LevelMethods_WriteAtTheirLevelWithFields()
    {
        var error = new InvalidOperationException("boom");

        _logger.Debug("d", ("n", 1));
        _logger.Info("i");
        _logger.Warn("w");
        _logger.Error(error, "e", ("orderId", "o-1"));

        Assert.Collection(
            _logger.Entries,
            entry => Assert.Equal((LogLevel.Debug, 1L), (entry.Level, (long)entry.Fields["n"]!)),
            entry => Assert.Equal(LogLevel.Info, entry.Level),
            entry => Assert.Equal(LogLevel.Warn, entry.Level),
            entry => Assert.Equal((LogLevel.Error, error, "o-1"), (entry.Level, entry.Exception, entry.Fields["orderId"])));
    }

    [Fact]
    public void Info_BelowMinimumLevel_DoesNotCallLog()
    {
        _logger.MinimumLevel = LogLevel.Warn;

        _logger.Info("dropped");

        Assert.Empty(_logger.Entries);
    }
}
