using System.Text;
using System.Text.Json;

namespace OrderPipeline.TestHelpers.XRay;

/// <summary>One datagram the fake daemon received: the header line, the document bytes and the parsed document.</summary>
public sealed class CapturedSegment
{
    public const string ExpectedHeader = "{\"format\":\"json\",\"version\":1}";

    private CapturedSegment(byte[] datagram, string? header, byte[] documentBytes, JsonElement? document, string? problem)
    {
        Datagram = datagram;
        Header = header;
        DocumentBytes = documentBytes;
        Document = document;
        Problem = problem;
    }

    /// <summary>The datagram exactly as received.</summary>
    public byte[] Datagram { get; }

    /// <summary>The text before the first newline; null when there is no newline.</summary>
    public string? Header { get; }

    /// <summary>The bytes after the first newline.</summary>
    public byte[] DocumentBytes { get; }

    /// <summary>The parsed document; null when <see cref="Problem"/> says why not.</summary>
    public JsonElement? Document { get; }

    public string? Problem { get; }

    /// <summary>The document, or an exception naming <see cref="Problem"/>.</summary>
    public JsonElement RequiredDocument =>
        Document ?? throw new InvalidOperationException($"The datagram holds no segment document: {Problem}");

    /// <summary>A top-level string field of the document, or null.</summary>
    public string? GetString(string name) =>
        Document is { } document && document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static CapturedSegment Parse(byte[] datagram)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        var newline = Array.IndexOf(datagram, (byte)'\n');
        if (newline < 0)
        {
            return new CapturedSegment(datagram, null, [], null, "no header line");
        }

        var header = Encoding.UTF8.GetString(datagram, 0, newline);
        var documentBytes = datagram[(newline + 1)..];
        try
        {
            using var parsed = JsonDocument.Parse(documentBytes);
            return new CapturedSegment(datagram, header, documentBytes, parsed.RootElement.Clone(), null);
        }
        catch (JsonException exception)
        {
            return new CapturedSegment(datagram, header, documentBytes, null, exception.Message);
        }
    }
}
