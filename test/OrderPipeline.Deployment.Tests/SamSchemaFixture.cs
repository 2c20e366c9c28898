using NJsonSchema;
using OrderPipeline.TestHelpers;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

/// <summary>
/// The official SAM JSON schema (draft-04), read once: from <c>ORDERPIPELINE_SAM_SCHEMA</c> when set, else from
/// <c>shared/schemas</c> beside the repository (where this project's CI keeps it; it is not copied into the repository).
/// Without it the schema tests are skipped, and fail under <c>CI=true</c>.
/// </summary>
public sealed class SamSchemaFixture : IAsyncLifetime
{
    public const string PathVariable = "ORDERPIPELINE_SAM_SCHEMA";

    private const string Source = "https://github.com/aws/serverless-application-model/blob/develop/schema_source/sam.schema.json";

    private JsonSchema? _schema;

    public static string SchemaPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "schemas", "sam.schema.json"));

    /// <summary>The schema; skips the calling test (or fails it under CI) when the file is missing.</summary>
    public JsonSchema Schema
    {
        get
        {
            OptionalPrerequisite.Require(
                _schema is not null,
                $"The official SAM schema is not at {SchemaPath}.",
                $"download {Source} and set {PathVariable} to its path (or place it at ../shared/schemas/sam.schema.json).");
            return _schema!;
        }
    }

    public async Task InitializeAsync()
    {
        if (File.Exists(SchemaPath))
        {
            _schema = await JsonSchema.FromFileAsync(SchemaPath);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
