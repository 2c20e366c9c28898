using System.Text.Json;

namespace OrderPipeline.Lambda;

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
