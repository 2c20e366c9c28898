namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The one IAM access key the local API Gateway knows: requests to an <c>AWS_IAM</c> method must be signed with it
/// (SigV4, service <c>execute-api</c>). Not a secret: it exists only on this machine, and <c>up</c> prints it.
/// </summary>
internal sealed record LocalCredentials(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Overrides <see cref="Default"/>'s access key id for <c>up</c>.</summary>
    public const string AccessKeyIdVariable = "ORDERPIPELINE_LOCAL_ACCESS_KEY_ID";

    /// <summary>Overrides <see cref="Default"/>'s secret access key for <c>up</c>.</summary>
    public const string SecretAccessKeyVariable = "ORDERPIPELINE_LOCAL_SECRET_ACCESS_KEY";

    /// <summary>Shaped like an IAM user's key (20 characters; a 40-character secret), and plainly not one.</summary>
    public static LocalCredentials Default { get; } =
        new("LOCALEXAMPLEKEY00001", "LocalExampleSecretKey/OrderPipeline+0001");

    /// <summary>
    /// <see cref="Default"/>, with either half replaced by <see cref="AccessKeyIdVariable"/> or
    /// <see cref="SecretAccessKeyVariable"/> when <paramref name="variable"/> gives a non-empty value for it.
    /// </summary>
    public static LocalCredentials FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new LocalCredentials(
            NonEmpty(variable(AccessKeyIdVariable)) ?? Default.AccessKeyId,
            NonEmpty(variable(SecretAccessKeyVariable)) ?? Default.SecretAccessKey);
    }

    /// <summary>The <c>curl</c> arguments that sign a request with these credentials for <paramref name="region"/>.</summary>
    public string CurlArguments(string region) =>
        $"--aws-sigv4 \"aws:amz:{region}:{SigV4.ExecuteApiService}\" --user \"{AccessKeyId}:{SecretAccessKey}\"";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
