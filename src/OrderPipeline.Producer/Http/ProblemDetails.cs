using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrderPipeline.Producer.Http;

/// <summary>
/// An RFC 9457 problem document (<c>application/problem+json</c>): <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>instance</c>, plus the extensions <c>requestId</c> (API Gateway's, for support) and, for invalid
/// input, <c>errors</c>: one <c>{"pointer","detail"}</c> per broken rule of the body, as in RFC 9457 §3, and one
/// <c>{"header","detail"}</c> per broken request header.
/// </summary>
internal sealed record ProblemDetails(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance,
    string? RequestId,
    IReadOnlyList<ProblemError> Errors)
{
    public const string MediaType = "application/problem+json";

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText DetailName = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText InstanceName = JsonEncodedText.Encode("instance");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText ErrorsName = JsonEncodedText.Encode("errors");
    private static readonly JsonEncodedText PointerName = JsonEncodedText.Encode("pointer");
    private static readonly JsonEncodedText HeaderName = JsonEncodedText.Encode("header");

    // Problem bodies echo nothing the client sent except pointers (header names are our own constants), yet they are escaped for HTML all the same.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(TypeName, Type);
        writer.WriteString(TitleName, Title);
        writer.WriteNumber(StatusName, Status);
        writer.WriteString(DetailName, Detail);
        if (Instance is not null)
        {
            writer.WriteString(InstanceName, Instance);
        }

        if (RequestId is not null)
        {
            writer.WriteString(RequestIdName, RequestId);
        }

        if (Errors.Count > 0)
        {
            writer.WriteStartArray(ErrorsName);
            foreach (var error in Errors)
            {
                writer.WriteStartObject();
                if (error.Pointer is not null)
                {
                    writer.WriteString(PointerName, error.Pointer);
                }

                if (error.Header is not null)
                {
                    writer.WriteString(HeaderName, error.Header);
                }

                writer.WriteString(DetailName, error.Detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
