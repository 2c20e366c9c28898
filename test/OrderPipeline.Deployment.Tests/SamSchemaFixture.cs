using NJsonSchema;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

/// <summary>The official SAM JSON schema (draft-04), read once from shared/schemas beside the repository.</summary>
public sealed class SamSchemaFixture : IAsyncLifetime
{
    private JsonSchema? _schema;

    public static string SchemaPath =>
        Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "schemas", "sam.schema.json"));

    public JsonSchema Schema => _schema ?? throw new InvalidOperationException("The schema has not been loaded.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(SchemaPath))
        {
            throw new FileNotFoundException(
                $"The SAM schema is missing: expected {SchemaPath} (shared/schemas beside the repository).", SchemaPath);
        }

        _schema = await JsonSchema.FromFileAsync(SchemaPath);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
