namespace OrderPipeline.Lambda.Tests;

/// <summary>
/// The <c>Lambda-Runtime-Client-Context</c> JSON, in the shape Amazon.Lambda.Core's <c>IClientContext</c> reads
/// (aws-lambda-dotnet RuntimeSupport <c>CognitoClientContext</c>, <c>CognitoClientApplication</c>).
/// </summary>
public sealed class ClientContextTests
{
    [Fact]
    public void Parse_MobileSdkContext_ReadsClientCustomAndEnv()
    {
        const string Json = """
            {"client":{"installation_id":"inst-1","app_title":"Orders","app_version_name":"2.1","app_version_code":"21","app_package_name":"com.example.orders"},
             "custom":{"tenant":"acme","beta":true,"limits":{"max":3}},
             "env":{"platform":"Android","locale":"de_DE"}}
            """;

        var context = ClientContext.Parse(Json);

        Assert.NotNull(context);
        Assert.Equal(new ClientApplication("inst-1", "Orders", "2.1", "21", "com.example.orders"), context.Client);
        Assert.Equal(new Dictionary<string, string> { ["tenant"] = "acme", ["beta"] = "true", ["limits"] = """{"max":3}""" }, context.Custom);
        Assert.Equal(new Dictionary<string, string> { ["platform"] = "Android", ["locale"] = "de_DE" }, context.Environment);
    }

    [Fact]
    public void Parse_EmptyObject_HasNoClientAndEmptyMaps()
    {
        var context = ClientContext.Parse("{}");

        Assert.NotNull(context);
        Assert.Null(context.Client);
        Assert.Empty(context.Custom);
        Assert.Empty(context.Environment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"client\"")]
    [InlineData("{\"client\":")]
    public void Parse_AbsentOrNotAJsonObject_ReturnsNull(string? json) => Assert.Null(ClientContext.Parse(json));
}
