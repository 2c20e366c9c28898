using System.Text.Json;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.TestHelpers.Lambda;
using Xunit;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// A built function run under one value of the template's <c>LogLevel</c> parameter exactly as Lambda would configure
/// it (<see cref="TemplateFunctionEnvironment"/>), then stopped: everything it wrote on stdout and stderr, and what
/// Lambda's filter (<see cref="LambdaLogFilter"/>, at the <c>AWS_LAMBDA_LOG_LEVEL</c> the template gave) sends on to
/// CloudWatch Logs.
/// </summary>
/// <param name="LogLevel">The template parameter's value: the level a team chose.</param>
/// <param name="LambdaLevel">The <c>ApplicationLogLevel</c> Lambda filters by.</param>
/// <param name="Written">Every line the process wrote, stdout first, then stderr.</param>
/// <param name="Kept">The lines Lambda keeps.</param>
public sealed record LogLevelRun(LogLevel LogLevel, LogLevel LambdaLevel, IReadOnlyList<string> Written, IReadOnlyList<string> Kept)
{
    public const string TemplateParameter = "LogLevel";

    /// <summary>The values the template allows for <c>LogLevel</c>, as xunit theory data.</summary>
    public static TheoryData<string> AllowedValues() => new(TemplateFunctionEnvironment.AllowedValues(TemplateParameter));

    /// <summary>
    /// Starts <paramref name="build"/> with the template's variables for <paramref name="logLevel"/> plus
    /// <paramref name="environment"/> (endpoints and names, which win; null removes a variable), lets
    /// <paramref name="exercise"/> invoke it, then stops it and reads all it wrote.
    /// </summary>
    public static async Task<LogLevelRun> RunAsync(
        FunctionBuild build,
        string logLevel,
        IReadOnlyDictionary<string, string?> environment,
        Func<RunningFunction, Task> exercise)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(exercise);
        var variables = new Dictionary<string, string>(
            TemplateFunctionEnvironment.Read(build.LogicalId, new Dictionary<string, string> { [TemplateParameter] = logLevel }),
            StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        var lambdaLevel = LambdaLogFilter.ParseLevel(variables["AWS_LAMBDA_LOG_LEVEL"]);
        var function = await RunningFunction.StartAsync(build, variables);
        try
        {
            await exercise(function);
        }
        finally
        {
            // Killing the process closes its pipes; disposing waits until every line already written has been read.
            await function.DisposeAsync();
        }

        IReadOnlyList<string> written = [.. function.Process.StandardOutput, .. function.Process.StandardError];
        return new LogLevelRun(LambdaLogFilter.ParseLevel(logLevel), lambdaLevel, written, LambdaLogFilter.Apply(written, lambdaLevel));
    }

    /// <summary>Whether <paramref name="line"/> is a CloudWatch Embedded Metric Format document (it has <c>_aws</c>).</summary>
    public static bool IsMetricDocument(string line) => TryParseObject(line, out var root) && root.TryGetProperty("_aws", out _);

    /// <summary>The level a line of the functions' logger declares; null for any other line (metrics, crash output).</summary>
    public static LogLevel? DeclaredLevel(string line) =>
        TryParseObject(line, out var root) && root.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String
            ? LambdaLogFilter.ParseLevel(level.GetString()!)
            : null;

    private static bool TryParseObject(string line, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}
