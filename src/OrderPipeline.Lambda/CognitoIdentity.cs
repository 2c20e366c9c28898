using System.Text.Json;

namespace OrderPipeline.Lambda;

/// <summary>
/// The Amazon Cognito identity that invoked the function through the AWS Mobile SDK
/// (<c>Lambda-Runtime-Cognito-Identity</c>: <c>{"cognitoIdentityId":"…","cognitoIdentityPoolId":"…"}</c>), as
/// Amazon.Lambda.Core's <c>ICognitoIdentity</c> has it. Each value is null when absent.
/// </summary>
public sealed record CognitoIdentity(string? IdentityId, string? IdentityPoolId)
{
    private const string IdentityIdField = "cognitoIdentityId";
    private const string IdentityPoolIdField = "cognitoIdentityPoolId";

    /// <summary>Reads the header's JSON; null when it is absent, not JSON, or not an object. Never throws.</summary>
    public static CognitoIdentity? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? new CognitoIdentity(String(root, IdentityIdField), String(root, IdentityPoolIdField))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
