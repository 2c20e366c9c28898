using System.Diagnostics;
using System.Text.Json;

namespace OrderPipeline.XRayCause;

/// <summary>
/// Writes the X-Ray <c>cause</c> object of a segment document
/// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors):
/// <c>working_directory</c>, <c>paths</c> and <c>exceptions</c>, each exception with a new 16-hex-digit <c>id</c>,
/// <c>type</c>, <c>message</c>, <c>stack</c> frames (<c>label</c>, <c>path</c>, <c>line</c>), <c>truncated</c> when
/// frames were left out, and <c>cause</c>: the id of the next exception of the chain, the one that caused it.
/// The writer's encoder decides the escaping: <c>JavaScriptEncoder.Default</c> makes pure ASCII, fit for an HTTP header.
/// </summary>
public static class CauseDocument
{
    private const string Ellipsis = "...";

    private static readonly JsonEncodedText WorkingDirectory = JsonEncodedText.Encode("working_directory");
    private static readonly JsonEncodedText Paths = JsonEncodedText.Encode("paths");
    private static readonly JsonEncodedText Exceptions = JsonEncodedText.Encode("exceptions");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Remote = JsonEncodedText.Encode("remote");
    private static readonly JsonEncodedText Stack = JsonEncodedText.Encode("stack");
    private static readonly JsonEncodedText Truncated = JsonEncodedText.Encode("truncated");
    private static readonly JsonEncodedText Cause = JsonEncodedText.Encode("cause");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");

    /// <summary>Writes the whole <c>cause</c> object as a JSON value (the writer is at a value's place).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="workingDirectory">The process' working directory.</param>
    /// <param name="chain">The exceptions, outermost first (<see cref="CauseChain"/>).</param>
    /// <param name="options">What to keep of each exception.</param>
    public static void Write(Utf8JsonWriter writer, string workingDirectory, IReadOnlyList<CauseEntry> chain, CauseOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        writer.WriteStartObject();
        writer.WriteString(WorkingDirectory, workingDirectory);
        writer.WriteStartArray(Paths);
        if (options.WithStacks)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var exception in chain)
            {
                foreach (var frame in exception.Stack)
                {
                    if (frame.Path is { } path && seen.Add(path))
                    {
                        writer.WriteStringValue(path);
                    }
                }
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Exceptions);
        WriteExceptions(writer, chain, options);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes each exception of <paramref name="chain"/> as an element of the array the writer is in.</summary>
    public static void WriteExceptions(Utf8JsonWriter writer, IReadOnlyList<CauseEntry> chain, CauseOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chain);
        string? id = null;
        for (var i = 0; i < chain.Count; i++)
        {
            id ??= NewId();
            var cause = i + 1 < chain.Count ? NewId() : null;
            WriteException(writer, chain[i], id, cause, options);
            id = cause;
        }
    }

    private static void WriteException(Utf8JsonWriter writer, CauseEntry exception, string id, string? cause, CauseOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, id);
        writer.WriteString(Type, exception.Type);
        if (exception.Message is { } message)
        {
            WriteMessage(writer, message, options.MaxMessageChars);
        }

        if (options.Remote)
        {
            writer.WriteBoolean(Remote, true);
        }

        if (options.WithStacks && exception.Stack.Count > 0)
        {
            writer.WriteStartArray(Stack);
            foreach (var frame in exception.Stack)
            {
                writer.WriteStartObject();
                writer.WriteString(Label, frame.Label);
                if (frame.Path is { } path)
                {
                    writer.WriteString(Path, path);
                }

                if (frame.Line is { } line)
                {
                    writer.WriteNumber(Line, line);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var truncated = exception.Truncated + (options.WithStacks ? 0 : exception.Stack.Count);
        if (truncated > 0)
        {
            writer.WriteNumber(Truncated, truncated);
        }

        if (cause is not null)
        {
            writer.WriteString(Cause, cause);
        }

        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, string message, int maxChars)
    {
        if (message.Length <= maxChars)
        {
            writer.WriteString(Message, message);
            return;
        }

        // Cut before a surrogate pair rather than through it: half a pair is not text.
        var kept = Math.Max(0, maxChars - Ellipsis.Length);
        if (kept > 0 && char.IsHighSurrogate(message[kept - 1]))
        {
            kept--;
        }

        writer.WriteString(Message, string.Concat(message.AsSpan(0, kept), Ellipsis));
    }

    private static string NewId() => ActivitySpanId.CreateRandom().ToHexString();
}

/// <summary>How much of each exception <see cref="CauseDocument"/> writes.</summary>
/// <param name="WithStacks">Whether frames are written; without them, <c>truncated</c> counts every frame.</param>
/// <param name="MaxMessageChars">Characters of a message kept (UTF-16 code units); a longer one is cut and ends in "...".</param>
/// <param name="Remote">Whether the exceptions came from a called service's answer (<c>remote: true</c>) rather than this process.</param>
public readonly record struct CauseOptions(bool WithStacks, int MaxMessageChars, bool Remote)
{
    /// <summary>Everything, from this process.</summary>
    public static CauseOptions Full => new(WithStacks: true, MaxMessageChars: int.MaxValue, Remote: false);
}
