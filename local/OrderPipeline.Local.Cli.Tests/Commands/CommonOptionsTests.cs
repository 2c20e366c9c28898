using System.CommandLine;
using OrderPipeline.Local.Cli.Commands;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Cli.Tests.Commands;

public sealed class CommonOptionsTests
{
    // The forms sam deploy --parameter-overrides takes: Name=Value (a value may be quoted) and
    // ParameterKey=Name,ParameterValue=Value. https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
    [Fact]
    public void Overrides_SamDeployForms_ReadAsPairsLaterWinning()
    {
        var (command, common) = Command();

        var parse = command.Parse(
            "--parameter-overrides ApiThrottlingRateLimit=200 LogLevel=\"DEBUG\" ParameterKey=ApiThrottlingBurstLimit,ParameterValue=400 ApiThrottlingRateLimit=300 --account-concurrency 10");

        Assert.Empty(parse.Errors);
        Assert.Equal(
            [("ApiThrottlingRateLimit", "300"), ("LogLevel", "DEBUG"), ("ApiThrottlingBurstLimit", "400")],
            common.Overrides(parse)!.Select(pair => (pair.Key, pair.Value)));
        Assert.Equal(10, parse.GetValue(common.AccountConcurrency));
    }

    [Fact]
    public void Overrides_NoneGiven_NullAndTheAccountsDefaultQuota()
    {
        var (command, common) = Command();

        var parse = command.Parse(string.Empty);

        Assert.Null(common.Overrides(parse));
        Assert.Equal(LambdaServiceSettings.DefaultAccountConcurrency, parse.GetValue(common.AccountConcurrency));
    }

    [Theory]
    [InlineData("--parameter-overrides ApiThrottlingRateLimit", "--parameter-overrides: 'ApiThrottlingRateLimit' is not Name=Value.")]
    [InlineData("--account-concurrency 0", "--account-concurrency must be at least 1.")]
    public void Parse_InvalidLimits_Refused(string arguments, string expected)
    {
        var (command, _) = Command();

        Assert.Equal(expected, Assert.Single(command.Parse(arguments).Errors).Message);
    }

    private static (Command Command, CommonOptions Common) Command()
    {
        var common = new CommonOptions();
        var command = new Command("test");
        common.AddTo(command);
        common.AddLimitsTo(command);
        return (command, common);
    }
}
