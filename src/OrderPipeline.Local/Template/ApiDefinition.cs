namespace OrderPipeline.Local.Template;

/// <summary>
/// An <c>AWS::Serverless::Api</c>, or SAM's implicit <c>ServerlessRestApi</c> (stage <c>Prod</c>); <c>Id</c> is the
/// resolved local id (what <c>!Ref</c> of the API gives).
/// </summary>
internal sealed record ApiDefinition(string LogicalId, string Id, string StageName, bool TracingEnabled);
