namespace OrderPipeline.Local.Sqs;

/// <summary>Ends the handling of one request with the SQS error answer it carries.</summary>
internal sealed class SqsProtocolException : Exception
{
    public SqsProtocolException(SqsError error)
        : base(error.Message) => Error = error;

    public SqsError Error { get; }
}
