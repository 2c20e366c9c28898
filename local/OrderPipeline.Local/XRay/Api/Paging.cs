using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// How much one page of the paged operations holds. Neither size is documented by X-Ray
/// (https://docs.aws.amazon.com/xray/latest/api/API_GetTraceSummaries.html,
/// https://docs.aws.amazon.com/xray/latest/api/API_BatchGetTraces.html), only that an answer may carry a
/// <c>NextToken</c> for the rest.
/// </summary>
/// <param name="SummariesPerPage">GetTraceSummaries: the most summaries on one page.</param>
/// <param name="TraceBytesPerPage">
/// BatchGetTraces: the most bytes of segment documents on one page; a page holds whole traces, and always at least one.
/// </param>
internal sealed record XRayApiPaging(int SummariesPerPage = 100, int TraceBytesPerPage = 1024 * 1024)
{
    public static XRayApiPaging Default { get; } = new();
}

/// <summary>
/// The <c>NextToken</c> of a paged operation: opaque to clients (base64url), it names the operation, a digest of the
/// request it continues and where the next page starts. A token that is not one, or that belongs to another request,
/// is an <c>InvalidRequestException</c>.
/// </summary>
internal static class PageToken
{
    private const char Separator = '\n';

    /// <summary>A digest of the members that define a paged request, so that its token cannot continue another.</summary>
    public static string Digest(params string?[] members)
    {
        var text = string.Join('\0', members.Select(member => member ?? "\u0001"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    public static string Write(string operation, string digest, string position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, operation, digest, position)));

    /// <summary>The position a token of <paramref name="operation"/> for the request <paramref name="digest"/> names.</summary>
    /// <exception cref="XRayApiException">InvalidRequestException: not a token of this operation and request.</exception>
    public static string Read(string token, string operation, string digest)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var parts = text.Split(Separator, 3);
        return parts.Length == 3 && parts[0] == operation && parts[1] == digest ? parts[2] : throw Invalid();
    }

    public static XRayApiException Invalid() =>
        new(XRayApiError.InvalidRequest("The NextToken is not one this operation gave for this request."));
}
