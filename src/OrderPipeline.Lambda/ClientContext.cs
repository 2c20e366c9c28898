using System.Text.Json;

namespace OrderPipeline.Lambda;

/// <summary>
/// The client context a mobile app built with the AWS Mobile SDK sends with an invocation
/// (<c>Lambda-Runtime-Client-Context</c>), in the shape of Amazon.Lambda.Core's <c>IClientContext</c>:
/// <c>{"client":{…},"custom":{…},"env":{…}}</c>.
/// </summary>
/// <param name="Client">The <c>client</c> object; null when absent.</param>
/// <param name="Custom">The <c>custom</c> object's members (values that are not strings keep their JSON text); empty when absent.</param>
/// <param name="Environment">The <c>env</c> object's members, as for <paramref name="Custom"/>.</param>
public sealed record ClientContext(
    ClientApplication? Client,
    IReadOnlyDictionary<string, string> Custom,
    IReadOnlyDictionary<string, string> Environment)
{
    private const string ClientField = "client";
    private const string CustomField = "custom";
    private const string EnvironmentField = "env";

    /// <summary>Reads the header's JSON; null when it is absent, not JSON, or not an object. Never throws.</summary>
    public static ClientContext? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new ClientContext(
                root.TryGetProperty(ClientField, out var client) && client.ValueKind == JsonValueKind.Object
                    ? ClientApplication.Read(client)
                    : null,
                Members(root, CustomField),
                Members(root, EnvironmentField));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Members(JsonElement root, string name)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                members[member.Name] = member.Value.ValueKind == JsonValueKind.String
                    ? member.Value.GetString()!
                    : member.Value.GetRawText();
            }
        }

        return members;
    }
}

/// <summary>
/// The <c>client</c> of a <see cref="ClientContext"/>: the app that invoked the function, as Amazon.Lambda.Core's
/// <c>IClientApplication</c> has it. Each value is null when the app did not send it (or sent a non-string).
/// </summary>
public sealed record ClientApplication(
    string? InstallationId,
    string? AppTitle,
    string? AppVersionName,
    string? AppVersionCode,
    string? AppPackageName)
{
    private const string InstallationIdField = "installation_id";
    private const string AppTitleField = "app_title";
    private const string AppVersionNameField = "app_version_name";
    private const string AppVersionCodeField = "app_version_code";
    private const string AppPackageNameField = "app_package_name";

    internal static ClientApplication Read(JsonElement client) => new(
        String(client, InstallationIdField),
        String(client, AppTitleField),
        String(client, AppVersionNameField),
        String(client, AppVersionCodeField),
        String(client, AppPackageNameField));

    private static string? String(JsonElement client, string name) =>
        client.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
