using OrderPipeline.Lambda.Hosting;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Tests.Hosting;

public sealed class LambdaEnvironmentTests
{
    [Fact]
    public void Read_AllVariablesSet_ReadsEachOne()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-consumer",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG",
        };

        var environment = LambdaEnvironment.Read(name => variables.GetValueOrDefault(name));

        Assert.Equal(
            new LambdaEnvironment("127.0.0.1:9001", "orders-consumer", "$LATEST", 512, LogLevel.Debug),
            environment);
    }

    [Fact]
    public void Read_NothingSet_GivesDefaults()
    {
        var environment = LambdaEnvironment.Read(_ => null);

        Assert.Equal(new LambdaEnvironment(null, string.Empty, string.Empty, 0, LogLevel.Info), environment);
    }

    [Theory]
    [InlineData("WARN", "INFO", LogLevel.Warn)]
    [InlineData("fatal", "INFO", LogLevel.Fatal)]
    [InlineData("DEBUG", "INFO", LogLevel.Debug)]
    [InlineData(null, "TRACE", LogLevel.Trace)]
    [InlineData("loud", "ERROR", LogLevel.Error)]
    [InlineData(null, null, LogLevel.Info)]
    public void Read_LogLevelAndLambdasLevel_OwnLevelWinsThenLambdasThenInfo(
        string? logLevel, string? lambdaLogLevel, LogLevel expected)
    {
        var variables = new Dictionary<string, string?>
        {
            ["LOG_LEVEL"] = logLevel,
            ["AWS_LAMBDA_LOG_LEVEL"] = lambdaLogLevel,
        };

        var environment = LambdaEnvironment.Read(name => variables.GetValueOrDefault(name));

        Assert.Equal(expected, environment.LogLevel);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-128")]
    public void Read_MemorySizeNotANumber_GivesZero(string memory)
    {
        var environment = LambdaEnvironment.Read(name => name == "AWS_LAMBDA_FUNCTION_MEMORY_SIZE" ? memory : null);

        Assert.Equal(0, environment.MemoryLimitInMB);
    }

    [Fact]
    public void Read_BlankRuntimeApi_IsUnset()
    {
        Assert.Null(LambdaEnvironment.Read(name => name == "AWS_LAMBDA_RUNTIME_API" ? " " : null).RuntimeApi);
    }
}
