namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// The local values that intrinsic functions resolve to: what the local stack gives each resource of the template
/// in place of the one AWS would create.
/// </summary>
internal interface ILocalResources
{
    string Region { get; }

    string AccountId { get; }

    string UrlSuffix { get; }

    string StackName { get; }

    /// <summary>The value given for a template parameter on the command line; null to use its default.</summary>
    string? ParameterOverride(string name);

    string QueueUrl(string logicalId);

    string QueueArn(string logicalId);

    string QueueName(string logicalId);

    /// <summary>What <c>!Ref</c> of an <c>AWS::DynamoDB::Table</c> gives: the table's name.</summary>
    string TableName(string logicalId);

    string TableArn(string logicalId);

    /// <summary>The id that <c>!Ref</c> of an <c>AWS::Serverless::Api</c> gives (the REST API id on AWS).</summary>
    string ApiId(string logicalId);
}
