using System.Text;
using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Tests.ApiGateway;

/// <summary>
/// Cases of AWS's published SigV4 test suite (aws-sig-v4-test-suite, linked from
/// https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html): access key <c>AKIDEXAMPLE</c>, secret
/// <c>wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY</c>, 2015-08-30T12:36:00Z, region us-east-1, service <c>service</c>.
/// The expected canonical requests and signatures are the suite's <c>.creq</c> and <c>.authz</c> files.
/// </summary>
internal static class SigV4TestSuite
{
    public const string Region = "us-east-1";
    public const string Service = "service";
    public const string Host = "example.amazonaws.com";
    public const string AmzDate = "20150830T123600Z";
    public const string Scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    public static readonly LocalCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>get-vanilla.authz.</summary>
    public const string GetVanillaAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    /// <summary>get-vanilla.creq.</summary>
    public const string GetVanillaCanonicalRequest =
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>get-vanilla.sts.</summary>
    public const string GetVanillaStringToSign =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63";

    /// <summary>get-vanilla-query-order-key-case.authz (the request's query is <c>Param2=value2&amp;Param1=value1</c>).</summary>
    public const string GetVanillaQueryOrderKeyCaseAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";

    /// <summary>post-x-www-form-urlencoded.authz (body <c>Param1=value1</c>).</summary>
    public const string PostFormAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a";

    /// <summary>post-x-www-form-urlencoded.creq.</summary>
    public const string PostFormCanonicalRequest =
        "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
        + "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";

    public const string FormContentType = "application/x-www-form-urlencoded";

    public static readonly byte[] FormBody = Encoding.UTF8.GetBytes("Param1=value1");

    /// <summary>A request as the local API Gateway reads it; <paramref name="target"/> is the raw path and query.</summary>
    public static ApiRequest Request(
        string method, string target, IReadOnlyList<KeyValuePair<string, string[]>> headers, byte[]? body = null)
    {
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        return new ApiRequest(
            method,
            Stage: "",
            Path: path,
            StagePath: path,
            PathSegments: ApiRoute.Split(path),
            headers,
            queryStart < 0 ? [] : QueryString.Parse(target.AsSpan(queryStart)),
            body ?? [],
            "HTTP/1.1",
            Host,
            $"https://{Host}{target}",
            "127.0.0.1",
            443);
    }

    public static KeyValuePair<string, string[]> Header(string name, params string[] values) => new(name, values);
}
