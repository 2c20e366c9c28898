namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>Api</c> event of a function. <c>Method</c> is upper case as API Gateway matches it (<c>ANY</c> for any
/// method); <c>RestApiId</c> is the resolved local id of the API, <c>RestApiLogicalId</c> its logical id
/// (<c>ServerlessRestApi</c> when the event names none); <c>Authorizer</c> is the event's <c>Auth.Authorizer</c>
/// (<c>AWS_IAM</c> or <c>NONE</c>), null when the API's default applies.
/// </summary>
internal sealed record ApiEventSource(
    string Name, string Path, string Method, string RestApiId, string RestApiLogicalId, string? Authorizer = null);
