namespace OrderPipeline.Local.Stack;

/// <summary>The parts of the local stack that run in its own process, for attributing the CPU they use.</summary>
internal enum StackComponent
{
    /// <summary>Whoever drives the stack (the bench's HTTP client and its polling), not the stack itself.</summary>
    Driver,

    ApiGateway,

    /// <summary>The Runtime API endpoints of the function instances (the Lambda service's side of each invocation).</summary>
    LambdaRuntimeApi,

    Sqs,

    DynamoDb,

    EventSourceMapping,

    /// <summary>The X-Ray daemon (UDP) and the X-Ray API.</summary>
    XRay,
}
