using System.Globalization;
using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// What <c>up</c> prints once the stack runs: every endpoint, the credentials its <c>AWS_IAM</c> methods accept, and how
/// to point a client at it (a signed <c>curl</c> line for each such method, with the sample request's body when its
/// method and path are the route's).
/// </summary>
internal static class StackEndpoints
{
    public static IEnumerable<string> Describe(EmulatedStack stack, StackOptions options, SampleRequest? sample = null)
    {
        yield return "";
        yield return $"The local stack is up, as stack {stack.Account.StackName}: resources carry the names CloudFormation gives them.";
        foreach (var function in stack.Template.Functions)
        {
            yield return $"  Lambda        {function.LogicalId}: {function.Name}";
        }

        foreach (var function in stack.Template.Functions)
        {
            foreach (var route in function.ApiEvents)
            {
                yield return $"  API Gateway   {route.Method,-6} {stack.RouteUrl(route)}  →  {function.LogicalId}"
                    + (RequiresIam(stack, route) ? $"  ({ApiDefinition.IamAuthorizer}: SigV4 signed requests only)" : "");
            }
        }

        var region = stack.Account.Region;
        yield return $"  Credentials   access key id {stack.Credentials.AccessKeyId}, secret access key {stack.Credentials.SecretAccessKey}"
            + $" (sign for region {region}, service {SigV4.ExecuteApiService})";

        yield return $"  SQS           {stack.Sqs.ServiceUrl}";
        foreach (var queue in stack.Template.Queues)
        {
            yield return $"                  {queue.LogicalId}: {stack.Account.QueueUrl(queue.Name)}";
        }

        yield return $"  DynamoDB      {stack.DynamoDb.ServiceUrl}"
            + (stack.Template.Tables.Count == 0 ? "  (the template has no tables)" : "");
        foreach (var table in stack.Template.Tables)
        {
            yield return $"                  {table.LogicalId}: {table.Name}, key {table.PartitionKey.AttributeName}";
        }

        foreach (var function in stack.Template.Functions)
        {
            foreach (var source in function.SqsEvents)
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"  Event source  {source.Queue}  →  {function.LogicalId} (batch {source.BatchSize}, window {source.MaximumBatchingWindowInSeconds} s{(source.ReportsBatchItemFailures ? ", partial batch responses" : "")})");
            }
        }

        yield return $"  X-Ray         daemon udp {stack.Daemon.Address} (segments, and OTLP T1S/T1U), API {stack.XRayApi.BaseUrl}";
        yield return $"  OTLP          {stack.Otlp.TracesUrl}  (OTLP/HTTP traces, protobuf or JSON, stored with X-Ray's)";
        yield return $"  Trace viewer  {stack.XRayApi.ViewerUrl}  (open it in a browser: the map, the traces, each request end to end)";
        yield return $"  Data          {Path.GetFullPath(options.DataDirectory)}";
        yield return "";
        yield return "Any AWS SDK or the AWS CLI works against it, for example:";
        foreach (var route in stack.Template.Functions.SelectMany(function => function.ApiEvents).Where(route => RequiresIam(stack, route)))
        {
            var body = sample is not null && sample.Method == route.Method && sample.Path == route.Path
                && Encoding.UTF8.GetString(sample.Body) is var text && !text.Contains('\'', StringComparison.Ordinal)
                ? $" -H 'Content-Type: application/json' -d '{text.ReplaceLineEndings(" ")}'"
                : "";
            yield return $"  curl -s {stack.Credentials.CurlArguments(region)} -X {route.Method} {stack.RouteUrl(route)}{body}";
        }

        yield return $"  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION={stack.Account.Region} AWS_DEFAULT_REGION={stack.Account.Region} aws --endpoint-url {stack.Sqs.ServiceUrl} sqs list-queues";
        yield return $"  curl -s -X POST {stack.XRayApi.BaseUrl}/TraceSummaries -d '{{\"StartTime\":0,\"EndTime\":9999999999}}'";
        yield return "Press Ctrl+C to stop.";
    }

    private static bool RequiresIam(EmulatedStack stack, ApiEventSource route) =>
        stack.Template.Api(route).AuthorizerOf(route) == ApiDefinition.IamAuthorizer;
}
