namespace OrderPipeline.Local.Lambda;

/// <summary>What the local stack gives every function it runs, beside the function's own settings.</summary>
/// <param name="Region">The region in <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c> and the function ARN.</param>
/// <param name="StackEnvironment">
/// Variables the stack adds to every function, such as <c>AWS_ENDPOINT_URL_SQS</c> and <c>AWS_XRAY_DAEMON_ADDRESS</c>;
/// a function's own variable of the same name wins.
/// </param>
public sealed record LambdaServiceSettings(string Region, IReadOnlyDictionary<string, string> StackEnvironment);
