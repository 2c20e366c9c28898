using LocalSqs = OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>An error answer to inject with <see cref="SqsEndpoint.FailNext"/>; see <see cref="LocalSqs.SqsError"/>.</summary>
public sealed record SqsError(int StatusCode, string Type, string? QueryCode, string Message)
{
    /// <summary>HTTP 500 <c>InternalError</c>: the SDK retries it as a transient fault.</summary>
    public static SqsError InternalError() => From(LocalSqs.SqsError.InternalError());

    /// <summary>HTTP 503 <c>ServiceUnavailable</c>: the SDK retries it as a transient fault.</summary>
    public static SqsError ServiceUnavailable() => From(LocalSqs.SqsError.ServiceUnavailable());

    /// <summary>HTTP 400 <c>RequestThrottled</c>; the SDK retries it as a throttle.</summary>
    public static SqsError RequestThrottled() => From(LocalSqs.SqsError.RequestThrottled());

    public static SqsError QueueDoesNotExist() => From(LocalSqs.SqsError.QueueDoesNotExist());

    public static SqsError InvalidParameterValue(string message) =>
        From(LocalSqs.SqsError.InvalidParameterValue(message));

    public static SqsError MissingParameter(string parameter) => From(LocalSqs.SqsError.MissingParameter(parameter));

    internal LocalSqs.SqsError ToLocal() => new(StatusCode, Type, QueryCode, Message);

    private static SqsError From(LocalSqs.SqsError error) => new(error.StatusCode, error.Type, error.QueryCode, error.Message);
}
