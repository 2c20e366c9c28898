using System.Text.Json.Nodes;

namespace OrderPipeline.Deployment.Tests;

/// <summary>
/// One statement of an IAM policy document in the template: every <c>PolicyDocument</c> and
/// <c>AssumeRolePolicyDocument</c> under any resource's Properties (roles' inline policies, queue policies, and any
/// IAM policy resource added later). Action and Resource are read as lists whether written as one value or many.
/// </summary>
internal sealed record PolicyStatement(
    string Location,
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<JsonNode?> Resources,
    JsonObject Node)
{
    private const string EffectKey = "Effect";
    private static readonly string[] DocumentKeys = ["PolicyDocument", "AssumeRolePolicyDocument"];

    /// <summary>True when a resource is the literal <c>"*"</c>.</summary>
    public bool HasResourceStar => Resources.Any(resource => resource is JsonValue value && (string?)value == "*");

    public static IReadOnlyList<PolicyStatement> All(SamTemplate template) =>
        [.. template.Resources.SelectMany(resource => Find(resource.Value?["Properties"], resource.Key))];

    /// <summary>The statements under one resource's Properties.</summary>
    public static IReadOnlyList<PolicyStatement> Of(SamTemplate template, string logicalId) =>
        [.. Find(template.Properties(logicalId), logicalId)];

    /// <summary>Each allowed action paired with each resource it is allowed on, as "action resource-json" lines.</summary>
    public static IReadOnlyList<string> AllowedPairs(IEnumerable<PolicyStatement> statements) =>
    [
        .. statements
            .Where(statement => statement.Effect == "Allow" && statement.Resources.Count > 0)
            .SelectMany(statement => statement.Actions.SelectMany(
                action => statement.Resources.Select(resource => $"{action} {resource?.ToJsonString()}")))
            .Order(StringComparer.Ordinal),
    ];

    private static IEnumerable<PolicyStatement> Find(JsonNode? node, string location) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => DocumentKeys.Contains(pair.Key)
            ? Statements(pair.Value, $"{location}.{pair.Key}")
            : Find(pair.Value, $"{location}.{pair.Key}")),
        JsonArray array => array.SelectMany((item, index) => Find(item, $"{location}[{index}]")),
        _ => [],
    };

    private static IEnumerable<PolicyStatement> Statements(JsonNode? document, string location) =>
        List(document?["Statement"]).Select((node, index) =>
        {
            var statement = node as JsonObject
                ?? throw new InvalidDataException($"{location}.Statement[{index}] is not an object.");
            return new PolicyStatement(
                $"{location}.Statement[{index}]",
                (string?)statement[EffectKey] ?? throw new InvalidDataException($"{location}.Statement[{index}] has no Effect."),
                [.. List(statement["Action"]).Select(action => (string)action!)],
                List(statement["Resource"]),
                statement);
        });

    private static IReadOnlyList<JsonNode?> List(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => [.. array],
        _ => [node],
    };
}
