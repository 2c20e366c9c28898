using OrderPipeline.Local.ApiGateway;
using static OrderPipeline.Local.Tests.ApiGateway.SigV4TestSuite;

namespace OrderPipeline.Local.Tests.ApiGateway;

// The algorithm against AWS's published test suite (aws-sig-v4-test-suite) and the signing-key example of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html.
public sealed class SigV4Tests
{
    [Theory]
    [InlineData("/", "/")] // get-vanilla
    [InlineData("/example/..", "/")] // normalize-path/get-relative
    [InlineData("/example1/example2/../..", "/")] // normalize-path/get-relative-relative
    [InlineData("//", "/")] // normalize-path/get-slash
    [InlineData("/./", "/")] // normalize-path/get-slash-dot-slash
    [InlineData("//example//", "/example/")] // normalize-path/get-slashes
    [InlineData("/./example", "/example")] // normalize-path/get-slash-pointless-dot
    [InlineData("/example space/", "/example%20space/")] // normalize-path/get-space
    [InlineData("/ሴ", "/%E1%88%B4")] // get-utf8
    [InlineData("/v1/orders/a%20b", "/v1/orders/a%2520b")] // sent encoded: encoded again, as every service but S3 requires
    public void CanonicalUri_TestSuitePath_MatchesTheSuitesCanonicalRequest(string path, string expected)
    {
        Assert.Equal(expected, SigV4.CanonicalUri(path));
    }

    [Theory]
    [InlineData("?Param2=value2&Param1=value1", "Param1=value1&Param2=value2")] // get-vanilla-query-order-key-case
    [InlineData("?Param1=value2&Param1=Value1", "Param1=Value1&Param1=value2")] // get-vanilla-query-order-value
    [InlineData("?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")] // get-vanilla-query-unreserved
    [InlineData("?ሴ=bar", "%E1%88%B4=bar")] // get-vanilla-utf8-query
    [InlineData("?b=x%20y&a=1+2&flag", "a=1%2B2&b=x%20y&flag=")]
    public void CanonicalQuery_TestSuiteQuery_SortedAndEncoded(string query, string expected)
    {
        Assert.Equal(expected, SigV4.CanonicalQuery(QueryString.Parse(query)));
    }

    [Fact]
    public void CanonicalHeaders_RepeatedAndSpacedValues_JoinedTrimmedAndFolded()
    {
        // get-header-key-duplicate and get-header-value-trim.
        var headers = new[]
        {
            Header("Host", Host), Header("My-Header1", "value2", "value2", "value1"), Header("my-header2", "  \"a   b   c\"  "),
        };

        Assert.Equal(
            "host:example.amazonaws.com\nmy-header1:value2,value2,value1\nmy-header2:\"a b c\"\n",
            SigV4.CanonicalHeaders(["host", "my-header1", "my-header2"], headers));
    }

    [Fact]
    public void SigningKey_DocumentedExample_MatchesTheDocumentedKey()
    {
        var key = SigV4.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void StringToSign_GetVanilla_MatchesTheSuite()
    {
        Assert.Equal(
            GetVanillaStringToSign,
            SigV4.StringToSign(AmzDate, SigV4.Scope(SignedAt, Region, Service), GetVanillaCanonicalRequest));
    }
}
