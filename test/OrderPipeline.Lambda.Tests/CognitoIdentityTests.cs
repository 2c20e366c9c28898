namespace OrderPipeline.Lambda.Tests;

/// <summary>
/// The <c>Lambda-Runtime-Cognito-Identity</c> JSON, in the shape Amazon.Lambda.Core's <c>ICognitoIdentity</c> reads
/// (aws-lambda-dotnet RuntimeSupport <c>CognitoIdentity</c>: <c>cognitoIdentityId</c>, <c>cognitoIdentityPoolId</c>).
/// </summary>
public sealed class CognitoIdentityTests
{
    [Fact]
    public void Parse_Identity_ReadsBothIds()
    {
        var identity = CognitoIdentity.Parse(
            """{"cognitoIdentityId":"eu-west-1:1f2e3d4c","cognitoIdentityPoolId":"eu-west-1:pool-9"}""");

        Assert.Equal(new CognitoIdentity("eu-west-1:1f2e3d4c", "eu-west-1:pool-9"), identity);
    }

    [Fact]
    public void Parse_IdsMissingOrNotStrings_AreNull()
    {
        Assert.Equal(new CognitoIdentity(null, null), CognitoIdentity.Parse("""{"cognitoIdentityId":42}"""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"cognitoIdentityId\":\"a\"")]
    public void Parse_AbsentOrNotAJsonObject_ReturnsNull(string? json) => Assert.Null(CognitoIdentity.Parse(json));
}
