using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace OrderPipeline.Local.Sqs.Query;

/// <summary>
/// SQS's query protocol, which the AWS CLI v2 up to 2.13 (Debian 12 packages 2.9.19), the AWS SDK for JavaScript v2 and
/// other SDKs released before November 2023 speak: the parameters form-encoded in a POST body (or in a GET's query
/// string), <c>Action=&lt;operation&gt;</c>, the queue URL as a parameter or as the request path; answers in XML in the
/// namespace <see cref="Namespace"/>, errors as <c>&lt;ErrorResponse&gt;</c> documents with the query error codes
/// (<c>AWS.SimpleQueueService.NonExistentQueue</c> where JSON says <c>QueueDoesNotExist</c>). Each request is
/// translated into the operation's AWS JSON 1.0 input and its JSON answer into XML, so both protocols run the same
/// operations (<see cref="SqsQueryShapes"/>). Shapes:
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html and
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-responses.html.
/// </summary>
internal sealed class SqsQueryProtocol(
    Func<string?, string, Func<SqsCall, Task>> resolve, SqsEvents? events, TimeProvider time, SqsRandomIds ids)
{
    public const string Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string XmlContentType = "text/xml";
    public const string ActionParameter = "Action";

    /// <summary>The query string's SigV4 credential (a presigned URL); the signature is not verified.</summary>
    private const string CredentialParameter = "X-Amz-Credential";

    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // A message body may hold carriage returns; an XML parser would turn an unescaped one into a line feed and
        // break the body's MD5 digest.
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <summary>
    /// True for a request SQS would read as query protocol: a form-encoded body, or a GET whose query string has
    /// <c>Action=</c>. Looks only at the method, the Content-Type and the query string: cheap on the JSON path.
    /// </summary>
    public static bool IsQueryRequest(HttpRequest request) =>
        (request.ContentType is { } contentType
            && contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase))
        || (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey(ActionParameter));

    /// <summary>Answers one query protocol request; never throws for bad input.</summary>
    public async Task HandleAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var parameters = Parameters(request, body);
        var action = parameters.TryGetValue(ActionParameter, out var value) ? value : null;
        events?.RequestReceived?.Invoke(new SqsRequest(action, SqsHttp.Headers(request.Headers), body, time.GetUtcNow()));

        var requestId = ids.NextString();
        context.Response.Headers[SqsHttp.RequestIdHeader] = requestId;
        var output = new ArrayBufferWriter<byte>();
        int status;
        try
        {
            await InvokeAsync(context, action, parameters, requestId, output, cancellationToken).ConfigureAwait(false);
            status = StatusCodes.Status200OK;
        }
        catch (SqsProtocolException rejected)
        {
            output.ResetWrittenCount();
            WriteError(output, rejected.Error, requestId);
            status = rejected.Error.StatusCode;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = XmlContentType;
        response.ContentLength = output.WrittenCount;
        await response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The <c>&lt;ErrorResponse&gt;</c> document of <paramref name="error"/>.</summary>
    public static void WriteError(IBufferWriter<byte> output, SqsError error, string requestId)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, XmlSettings))
        {
            xml.WriteStartElement("ErrorResponse", Namespace);
            xml.WriteStartElement("Error");
            xml.WriteElementString("Type", error.StatusCode >= 500 ? "Receiver" : "Sender");
            xml.WriteElementString("Code", error.QueryCode ?? error.Type[(error.Type.IndexOf('#', StringComparison.Ordinal) + 1)..]);
            // A message may quote the request (a parameter value, a receipt handle) and so hold characters XML forbids.
            xml.WriteElementString("Message", SqsQueryShapes.XmlText(error.Message));
            xml.WriteStartElement("Detail");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
        }

        output.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    private async Task InvokeAsync(
        HttpContext context,
        string? action,
        Dictionary<string, string> parameters,
        string requestId,
        IBufferWriter<byte> output,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var authorization = SqsHttp.RequireAuthorization(parameters.TryGetValue(CredentialParameter, out var credential)
            ? "Credential=" + credential
            : request.Headers[SqsHttp.AuthorizationHeader].ToString());
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsGet(request.Method))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation("The query protocol is served on POST and GET."));
        }

        if (string.IsNullOrEmpty(action))
        {
            throw new SqsProtocolException(SqsError.MissingAction());
        }

        var handle = resolve(action, action);
        var serviceUrl = SqsHttp.ServiceUrl(context);
        var pathQueueUrl = request.Path.HasValue && request.Path != "/" ? serviceUrl + request.Path.Value : null;
        using var input = JsonDocument.Parse(SqsQueryShapes.ToJson(parameters, pathQueueUrl));
        var json = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(json))
        {
            var traceHeader = request.Headers[SqsHttp.TraceHeader].ToString();
            await handle(new SqsCall(input.RootElement, writer, serviceUrl, SqsHttp.AccessKeyId(authorization),
                traceHeader.Length > 0 ? traceHeader : null, cancellationToken)).ConfigureAwait(false);
        }

        using var answer = JsonDocument.Parse(json.WrittenMemory);
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, XmlSettings))
        {
            SqsQueryShapes.WriteResponse(xml, action, answer.RootElement, requestId);
        }

        output.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>The query string's parameters, then the form body's (a repeated name keeps its last value).</summary>
    private static Dictionary<string, string> Parameters(HttpRequest request, byte[] body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            parameters[name] = values.ToString();
        }

        if (body.Length > 0
            && request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters[name] = values[^1] ?? string.Empty;
            }
        }

        return parameters;
    }
}
