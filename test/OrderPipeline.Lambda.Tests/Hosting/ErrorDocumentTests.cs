using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OrderPipeline.Lambda.Hosting;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Tests.Hosting;

public sealed class ErrorDocumentTests
{
    [Fact]
    public void Create_ExceptionNeverThrown_WritesTheContractsThreeFields()
    {
        var document = ErrorDocument.Create("Runtime.UnmarshalError", new JsonException("boom"));

        Assert.Equal(
            """{"errorMessage":"boom","errorType":"Runtime.UnmarshalError","stackTrace":[]}""",
            Encoding.UTF8.GetString(document));
    }

    [Fact]
    public void Create_MessageWithQuotesAndNonAscii_EscapesOnlyWhatJsonRequires()
    {
        var document = ErrorDocument.Create("FormatException", new FormatException("'qty' < 1 für \"BOOK-123\""));

        Assert.Equal(
            """{"errorMessage":"'qty' < 1 für \"BOOK-123\"","errorType":"FormatException","stackTrace":[]}""",
            Encoding.UTF8.GetString(document));
    }

    [Fact]
    public void Create_ThrownException_ListsTrimmedFrames()
    {
        var frames = StackTrace(ErrorDocument.Create("InvalidOperationException", Throw(depth: 0)));

        Assert.NotEmpty(frames);
        Assert.All(frames, frame => Assert.StartsWith("at ", frame, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_DeepStack_KeepsAtMostTheBound()
    {
        var frames = StackTrace(ErrorDocument.Create("InvalidOperationException", Throw(depth: 80)));

        Assert.Equal(ExceptionFields.MaxStackFrames, frames.Length);
    }

    [Fact]
    public void Create_InnerException_AppendsItsTypeMessageAndFrames()
    {
        Exception outer;
        try
        {
            try
            {
                throw new FormatException("bad sku");
            }
            catch (FormatException inner)
            {
                throw new InvalidOperationException("order rejected", inner);
            }
        }
        catch (InvalidOperationException caught)
        {
            outer = caught;
        }

        var frames = StackTrace(ErrorDocument.Create("InvalidOperationException", outer));

        var marker = Array.IndexOf(frames, "---> FormatException: bad sku");
        Assert.True(marker > 0);
        Assert.True(marker < frames.Length - 1);
    }

    private static string[] StackTrace(byte[] document)
    {
        using var json = JsonDocument.Parse(document);
        return [.. json.RootElement.GetProperty("stackTrace").EnumerateArray().Select(frame => frame.GetString()!)];
    }

    private static InvalidOperationException Throw(int depth)
    {
        try
        {
            Recurse(depth);
            throw new UnreachableException();
        }
        catch (InvalidOperationException caught)
        {
            return caught;
        }
    }

    private static void Recurse(int depth)
    {
        if (depth == 0)
        {
            throw new InvalidOperationException("deep");
        }

        Recurse(depth - 1);
    }
}
