namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>AWS::Serverless::Api</c>, or SAM's implicit <c>ServerlessRestApi</c> (stage <c>Prod</c>); <c>Id</c> is the
/// resolved local id (what <c>!Ref</c> of the API gives); <c>DefaultAuthorizer</c> is <c>Auth.DefaultAuthorizer</c>
/// (<c>AWS_IAM</c>, or null for none), which applies to every method whose event names no authorizer of its own.
/// </summary>
internal sealed record ApiDefinition(
    string LogicalId, string Id, string StageName, bool TracingEnabled, string? DefaultAuthorizer = null)
{
    /// <summary>SigV4 signed requests only: the one authorizer the local API Gateway runs.</summary>
    public const string IamAuthorizer = "AWS_IAM";

    /// <summary>What an event's <c>Auth.Authorizer</c> says to open a method of an API with a default authorizer.</summary>
    public const string NoAuthorizer = "NONE";

    /// <summary>
    /// The authorizer of one of this API's methods, SAM's precedence: the event's <c>Auth.Authorizer</c>, else
    /// <see cref="DefaultAuthorizer"/>, else <see cref="NoAuthorizer"/>.
    /// </summary>
    public string AuthorizerOf(ApiEventSource route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Authorizer ?? DefaultAuthorizer ?? NoAuthorizer;
    }
}
