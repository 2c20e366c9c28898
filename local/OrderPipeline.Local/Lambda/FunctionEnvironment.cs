using System.Globalization;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The environment of an instance's process. Like Lambda's, it is built from scratch rather than inherited: only
/// <c>PATH</c>, <c>HOME</c> and <c>DOTNET_ROOT</c> come from this process (a JIT build needs them to find
/// <c>dotnet</c>). Then the stack's variables, the function's own (which win), and last the variables Lambda
/// reserves, which nothing overrides.
/// </summary>
internal static class FunctionEnvironment
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionVersionVariable = "AWS_LAMBDA_FUNCTION_VERSION";
    public const string MemorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string LogFormatVariable = "AWS_LAMBDA_LOG_FORMAT";
    public const string LogLevelVariable = "AWS_LAMBDA_LOG_LEVEL";
    public const string InitializationTypeVariable = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string TaskRootVariable = "LAMBDA_TASK_ROOT";

    public const string LatestVersion = "$LATEST";
    public const string JsonLogFormat = "JSON";

    /// <summary>The application log level Lambda applies when <c>LoggingConfig</c> names none.</summary>
    public const string DefaultApplicationLogLevel = "INFO";

    /// <summary>Placeholders: the local endpoints accept any credentials, and the SDKs refuse to sign without some.</summary>
    public const string PlaceholderCredential = "local";

    private static readonly string[] InheritedVariables = ["PATH", "HOME", "DOTNET_ROOT"];

    public static Dictionary<string, string> Build(
        LocalFunction function, LambdaServiceSettings settings, string runtimeApi, Func<string, string?> getHostVariable)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in InheritedVariables)
        {
            if (getHostVariable(name) is { Length: > 0 } value)
            {
                variables[name] = value;
            }
        }

        variables[AccessKeyIdVariable] = PlaceholderCredential;
        variables[SecretAccessKeyVariable] = PlaceholderCredential;
        CopyInto(variables, settings.StackEnvironment);
        CopyInto(variables, function.Environment);

        variables[RuntimeApiVariable] = runtimeApi;
        variables[FunctionNameVariable] = function.Name;
        variables[FunctionVersionVariable] = LatestVersion;
        variables[MemorySizeVariable] = function.MemorySize.ToString(CultureInfo.InvariantCulture);
        variables[InitializationTypeVariable] = "on-demand";
        variables[RegionVariable] = settings.Region;
        variables[DefaultRegionVariable] = settings.Region;
        variables[TaskRootVariable] = function.WorkingDirectory;
        variables[LogFormatVariable] = function.LogFormat;
        if (string.Equals(function.LogFormat, JsonLogFormat, StringComparison.OrdinalIgnoreCase))
        {
            // Lambda filters by this level only in the JSON format, where it also tells the runtime the level.
            variables[LogLevelVariable] = function.ApplicationLogLevel ?? DefaultApplicationLogLevel;
        }
        return variables;
    }

    private static void CopyInto(Dictionary<string, string> variables, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (name, value) in source)
        {
            variables[name] = value;
        }
    }
}
