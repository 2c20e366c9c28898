using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.Lambda;

public sealed class FunctionEnvironmentTests
{
    private static readonly LocalFunction Function = new(
        "OrdersFunction",
        "/var/task/bootstrap",
        [],
        "/var/task",
        new Dictionary<string, string>
        {
            ["QUEUE_URL"] = "http://127.0.0.1:9324/000000000000/orders",
            ["AWS_ENDPOINT_URL_SQS"] = "http://function.example",
            ["AWS_LAMBDA_RUNTIME_API"] = "function-may-not-set-this",
        },
        TimeSpan.FromSeconds(3),
        512,
        1);

    private static readonly LambdaServiceSettings Settings = new(
        "eu-west-1",
        new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SQS"] = "http://127.0.0.1:9324",
            ["AWS_XRAY_DAEMON_ADDRESS"] = "127.0.0.1:2000",
        });

    [Fact]
    public void Build_Function_SetsLambdaVariablesThatNothingOverrides()
    {
        var variables = FunctionEnvironment.Build(Function, Settings, "127.0.0.1:4567", _ => null);

        Assert.Equal("127.0.0.1:4567", variables["AWS_LAMBDA_RUNTIME_API"]);
        Assert.Equal("OrdersFunction", variables["AWS_LAMBDA_FUNCTION_NAME"]);
        Assert.Equal("$LATEST", variables["AWS_LAMBDA_FUNCTION_VERSION"]);
        Assert.Equal("512", variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        Assert.Equal("eu-west-1", variables["AWS_REGION"]);
        Assert.Equal("eu-west-1", variables["AWS_DEFAULT_REGION"]);
        Assert.Equal("JSON", variables["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.False(string.IsNullOrEmpty(variables["AWS_ACCESS_KEY_ID"]));
        Assert.False(string.IsNullOrEmpty(variables["AWS_SECRET_ACCESS_KEY"]));
    }

    [Fact]
    public void Build_FunctionAndStackSetTheSameVariable_FunctionWins()
    {
        var variables = FunctionEnvironment.Build(Function, Settings, "127.0.0.1:4567", _ => null);

        Assert.Equal("http://function.example", variables["AWS_ENDPOINT_URL_SQS"]);
        Assert.Equal("127.0.0.1:2000", variables["AWS_XRAY_DAEMON_ADDRESS"]);
        Assert.Equal("http://127.0.0.1:9324/000000000000/orders", variables["QUEUE_URL"]);
    }

    [Fact]
    public void Build_HostEnvironment_InheritsOnlyWhatTheProcessNeedsToStart()
    {
        var host = new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["HOME"] = "/home/dev", ["SECRET"] = "x" };

        var variables = FunctionEnvironment.Build(Function, Settings, "127.0.0.1:4567", name => host.GetValueOrDefault(name));

        Assert.Equal("/usr/bin", variables["PATH"]);
        Assert.Equal("/home/dev", variables["HOME"]);
        Assert.False(variables.ContainsKey("SECRET"));
    }

    [Fact]
    public void Build_JsonLoggingWithAnApplicationLevel_SetsFormatAndLevelThatTheFunctionCannotOverride()
    {
        var function = Function with
        {
            LogFormat = "JSON",
            ApplicationLogLevel = "DEBUG",
            Environment = new Dictionary<string, string> { ["AWS_LAMBDA_LOG_LEVEL"] = "FATAL", ["AWS_LAMBDA_LOG_FORMAT"] = "Text" },
        };

        var variables = FunctionEnvironment.Build(function, Settings, "127.0.0.1:4567", _ => null);

        Assert.Equal("JSON", variables["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.Equal("DEBUG", variables["AWS_LAMBDA_LOG_LEVEL"]);
    }

    [Fact]
    public void Build_JsonLoggingWithoutALevel_SetsLambdasDefaultInfo() =>
        Assert.Equal("INFO", FunctionEnvironment.Build(Function, Settings, "127.0.0.1:4567", _ => null)["AWS_LAMBDA_LOG_LEVEL"]);

    [Fact]
    public void Build_TextLogging_SetsNoLevel()
    {
        var variables = FunctionEnvironment.Build(Function with { LogFormat = "Text" }, Settings, "127.0.0.1:4567", _ => null);

        Assert.Equal("Text", variables["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.False(variables.ContainsKey("AWS_LAMBDA_LOG_LEVEL"));
    }
}
