using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

// What Lambda sets from the template's LoggingConfig and Environment for each LogLevel the template allows, read by the
// local stack's template reader (so `up` and the function tests start the functions with the same variables).
public sealed class TemplateLogLevelTests
{
    public static TheoryData<string, string, string> FunctionsAndLevels()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var function in new[] { "ProducerFunction", "ConsumerFunction" })
        {
            foreach (var level in TemplateFunctionEnvironment.AllowedValues(LogLevelRun.TemplateParameter))
            {
                data.Add(function, level, level is "WARN" or "ERROR" or "FATAL" ? "INFO" : level);
            }
        }

        return data;
    }

    [Fact]
    public void LogLevel_AllowedValues_AreLambdasApplicationLogLevels() =>
        Assert.Equal(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], TemplateFunctionEnvironment.AllowedValues(LogLevelRun.TemplateParameter));

    [Theory]
    [MemberData(nameof(FunctionsAndLevels))]
    public void Read_EachLogLevel_LambdaFiltersAtMostAtInfoAndTheFunctionGetsTheChosenLevel(
        string function, string logLevel, string lambdaLevel)
    {
        var variables = TemplateFunctionEnvironment.Read(function, new Dictionary<string, string> { ["LogLevel"] = logLevel });

        Assert.Equal("JSON", variables["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.Equal(lambdaLevel, variables["AWS_LAMBDA_LOG_LEVEL"]);
        Assert.Equal(logLevel, variables["LOG_LEVEL"]);
    }
}
