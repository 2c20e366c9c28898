namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>How a segment or subsegment ended, as X-Ray counts it in its statistics.</summary>
internal enum RequestOutcome
{
    /// <summary>Neither an error nor a fault.</summary>
    Ok,

    /// <summary><c>error</c>: a client error (4xx), other than a throttle.</summary>
    Error,

    /// <summary><c>throttle</c>: the request was throttled (429); also an error.</summary>
    Throttle,

    /// <summary><c>fault</c>: a server error (5xx).</summary>
    Fault,
}
