using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrderPipeline.XRayCause;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>
/// The value of <c>Lambda-Runtime-Function-XRay-Error-Cause</c>: the X-Ray <c>cause</c> object of a failed
/// invocation or initialization (<c>working_directory</c>, <c>paths</c>, <c>exceptions</c> with the inner-exception
/// chain), which Lambda puts on the function's segment so that the trace shows the exception. AWS's runtime clients
/// send it the same way: aws-lambda-dotnet's RuntimeSupport (<c>LambdaXRayExceptionWriter</c>), aws-lambda-java-libs
/// and aws-lambda-ruby-runtime-interface-client (<c>XRayCause</c>).
/// </summary>
/// <remarks>
/// The value is pure ASCII JSON on one line (every non-ASCII or control character is a <c>\uXXXX</c> escape), so it is
/// valid HTTP header text whatever the exception says; the encoder writes half a surrogate pair as U+FFFD.
/// </remarks>
internal static class ErrorCause
{
    /// <summary>
    /// The value stays below 1 MiB of header text. AWS's clients send the header only below this size and leave it
    /// out above it: RuntimeSupport's <c>MAX_HEADER_SIZE_BYTES = 1024 * 1024</c> (<c>InternalClientAdapted</c>),
    /// Java's <c>XRAY_ERROR_CAUSE_MAX_HEADER_SIZE = 1024 * 1024</c>, Ruby's <c>MAX_HEADER_SIZE_BYTES = 1024 * 1024</c>.
    /// It is also the header budget of Go's net/http server (<c>DefaultMaxHeaderBytes</c>), which the Runtime API
    /// Interface Emulator is built on. Before leaving the header out, this one first shortens what it holds.
    /// </summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Frames kept per exception: the error document's bound (<c>ExceptionFields.MaxStackFrames</c>).</summary>
    public const int MaxStackFrames = 50;

    /// <summary>The second try, when the whole cause is too large: messages cut to this many characters.</summary>
    public const int ShortMessageChars = 4096;

    /// <summary>The last try: messages cut to this many characters and no stacks (each exception's <c>truncated</c> counts them).</summary>
    public const int MinimalMessageChars = 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    private static readonly CauseOptions[] Attempts =
    [
        CauseOptions.Full,
        new(WithStacks: true, MaxMessageChars: ShortMessageChars, Remote: false),
        new(WithStacks: false, MaxMessageChars: MinimalMessageChars, Remote: false),
    ];

    /// <summary>
    /// The header value for <paramref name="exception"/>, below <see cref="MaxBytes"/>: whole when it fits, else with
    /// shorter messages, else with short messages and no stacks; null (no header, as AWS's clients do) when even
    /// that does not fit. Never throws.
    /// </summary>
    public static string? Create(Exception exception, string workingDirectory)
    {
        var chain = CauseChain.FromException(exception, MaxStackFrames);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var attempt in Attempts)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                CauseDocument.Write(writer, workingDirectory, chain, attempt);
            }

            if (buffer.WrittenCount < MaxBytes)
            {
                return Encoding.ASCII.GetString(buffer.WrittenSpan);
            }
        }

        return null;
    }
}
