namespace OrderPipeline.Lambda;

/// <summary>
/// Readers for the settings that more than one function takes from its environment at cold start. Each throws an
/// <see cref="InvalidOperationException"/> naming the variable when the value is missing or malformed, which the host
/// reports on <c>/runtime/init/error</c>.
/// </summary>
public static class EnvironmentSettings
{
    /// <summary>CloudWatch namespaces are 1–255 characters and may not start with <c>AWS/</c>.</summary>
    private const int MaxNamespaceLength = 255;

    /// <summary>DynamoDB table names are 3–255 characters from a-z, A-Z, 0-9, '_', '-' and '.'.</summary>
    private const int MinTableNameLength = 3;
    private const int MaxTableNameLength = 255;

    /// <summary>The CloudWatch namespace in <paramref name="variable"/>, or <paramref name="defaultValue"/> when it is unset or blank.</summary>
    public static string MetricsNamespace(Func<string, string?> getEnvironmentVariable, string variable, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var value = getEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        if (value.Length > MaxNamespaceLength || value.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{variable} must be 1-{MaxNamespaceLength} characters and must not start with 'AWS/': '{value}'.");
        }

        return value;
    }

    /// <summary>The DynamoDB table name in <paramref name="variable"/>, which must be set; <paramref name="holds"/> says what the table holds.</summary>
    public static string DynamoDbTableName(Func<string, string?> getEnvironmentVariable, string variable, string holds)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var value = getEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{variable} is not set: it must hold the name of the {holds} table.");
        }

        if (value.Length is < MinTableNameLength or > MaxTableNameLength || !value.All(IsTableNameCharacter))
        {
            throw new InvalidOperationException(
                $"{variable} must be {MinTableNameLength}-{MaxTableNameLength} characters of a-z, A-Z, 0-9, '_', '-' and '.': '{value}'.");
        }

        return value;
    }

    private static bool IsTableNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
