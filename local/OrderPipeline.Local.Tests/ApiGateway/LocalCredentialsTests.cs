using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed class LocalCredentialsTests
{
    [Fact]
    public void FromEnvironment_NothingSet_Default()
    {
        Assert.Equal(LocalCredentials.Default, LocalCredentials.FromEnvironment(_ => null));
    }

    [Fact]
    public void FromEnvironment_BothSet_ReplaceTheDefault()
    {
        var variables = new Dictionary<string, string>
        {
            ["ORDERPIPELINE_LOCAL_ACCESS_KEY_ID"] = "MYKEY",
            ["ORDERPIPELINE_LOCAL_SECRET_ACCESS_KEY"] = "my/secret",
        };

        Assert.Equal(new LocalCredentials("MYKEY", "my/secret"), LocalCredentials.FromEnvironment(variables.GetValueOrDefault));
    }

    [Fact]
    public void FromEnvironment_EmptySecret_KeepsTheDefaultSecret()
    {
        var credentials = LocalCredentials.FromEnvironment(name => name == LocalCredentials.AccessKeyIdVariable ? "MYKEY" : "");

        Assert.Equal(new LocalCredentials("MYKEY", LocalCredentials.Default.SecretAccessKey), credentials);
    }

    [Fact]
    public void CurlArguments_Region_SignsForExecuteApiThere()
    {
        Assert.Equal(
            "--aws-sigv4 \"aws:amz:eu-west-1:execute-api\" --user \"LOCALEXAMPLEKEY00001:LocalExampleSecretKey/OrderPipeline+0001\"",
            LocalCredentials.Default.CurlArguments("eu-west-1"));
    }
}
