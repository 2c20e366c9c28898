using System.Text;
using System.Text.Json;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Lambda.Tests.Logging;

public sealed class JsonLambdaLoggerTests : IDisposable
{
    private const string TraceHeader = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
    private readonly MemoryStream _sink = new();
    private readonly JsonLineSink _output;
    private readonly JsonLambdaLogger _logger;

    public JsonLambdaLoggerTests()
    {
        _output = new JsonLineSink(_sink);
        _logger = new JsonLambdaLogger(_output, LogLevel.Info, new ManualTimeProvider(HostHarness.StartTime));
    }

    public void Dispose()
    {
        _output.Dispose();
        _sink.Dispose();
    }

    [Fact]
    public void Log_OutsideInvocation_WritesStandardKeysThenFieldsWithTheirTypes()
    {
        _logger.Info("Order accepted", ("orderId", "0193a0a4"), ("items", 3), ("total", 39.98m), ("ratio", 0.5), ("vip", true));

        var record = LogLines.Single(_sink);
        Assert.Equal(["timestamp", "level", "message", "orderId", "items", "total", "ratio", "vip"], LogLines.Names(record));
        Assert.Equal("2026-11-26T05:13:57.123Z", record.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", record.GetProperty("level").GetString());
        Assert.Equal("Order accepted", record.GetProperty("message").GetString());
        Assert.Equal("0193a0a4", record.GetProperty("orderId").GetString());
        Assert.Equal(3, record.GetProperty("items").GetInt64());
        Assert.Equal(39.98m, record.GetProperty("total").GetDecimal());
        Assert.Equal(0.5, record.GetProperty("ratio").GetDouble());
        Assert.True(record.GetProperty("vip").GetBoolean());
    }

    [Fact]
    public void Log_InsideInvocation_WritesRequestIdAndTraceRoot()
    {
        using (LambdaContextAccessor.Enter(new TestLambdaContext { AwsRequestId = "req-1", TraceHeader = TraceHeader }))
        {
            _logger.Info("handled");
        }

        var record = LogLines.Single(_sink);
        Assert.Equal(["timestamp", "level", "requestId", "traceId", "message"], LogLines.Names(record));
        Assert.Equal("req-1", record.GetProperty("requestId").GetString());
        Assert.Equal("1-67891233-abcdef012345678912345678", record.GetProperty("traceId").GetString());
    }

    [Fact]
    public void Log_InvocationWithoutTraceHeader_OmitsTraceId()
    {
        using (LambdaContextAccessor.Enter(new TestLambdaContext { AwsRequestId = "req-2" }))
        {
            _logger.Info("handled");
        }

        Assert.Equal(["timestamp", "level", "requestId", "message"], LogLines.Names(LogLines.Single(_sink)));
    }

    [Fact]
    public void Log_WithException_WritesErrorFieldsAfterTheCallersFields()
    {
        _logger.Error(Thrown(new InvalidOperationException("queue unavailable")), "Send failed", ("attempt", 2));

        var record = LogLines.Single(_sink);
        Assert.Equal(
            ["timestamp", "level", "message", "attempt", "errorType", "errorMessage", "stackTrace"],
            LogLines.Names(record));
        Assert.Equal("ERROR", record.GetProperty("level").GetString());
        Assert.Equal("InvalidOperationException", record.GetProperty("errorType").GetString());
        Assert.Equal("queue unavailable", record.GetProperty("errorMessage").GetString());
        Assert.NotEqual(0, record.GetProperty("stackTrace").GetArrayLength());
    }

    [Theory]
    [InlineData(LogLevel.Trace, false)]
    [InlineData(LogLevel.Debug, false)]
    [InlineData(LogLevel.Info, true)]
    [InlineData(LogLevel.Fatal, true)]
    public void Log_AgainstMinimumLevel_WritesOnlyEnabledLevels(LogLevel level, bool written)
    {
        _logger.Log(level, "probe", null);

        Assert.Equal(written, _logger.IsEnabled(level));
        Assert.Equal(written, _sink.Length > 0);
    }

    [Fact]
    public void Log_FieldNamedLikeStandardKey_IsLeftOut()
    {
        _logger.Info("probe", ("level", "custom"), ("message", "custom"), ("kept", 1));

        var record = LogLines.Single(_sink);
        Assert.Equal(["timestamp", "level", "message", "kept"], LogLines.Names(record));
        Assert.Equal("INFO", record.GetProperty("level").GetString());
    }

    [Fact]
    public void Log_NullStringField_WritesJsonNull()
    {
        _logger.Info("probe", new LogField("customerId", (string?)null));

        Assert.Equal(JsonValueKind.Null, LogLines.Single(_sink).GetProperty("customerId").ValueKind);
    }

    [Fact]
    public void Log_NonFiniteDouble_WritesItAsString()
    {
        _logger.Info("probe", ("ratio", double.NaN));

        Assert.Equal("NaN", LogLines.Single(_sink).GetProperty("ratio").GetString());
    }

    [Fact]
    public void Log_NonAsciiText_WritesUtf8Unescaped()
    {
        _logger.Info("Bestellung für Zoë");

        Assert.Contains("\"message\":\"Bestellung für Zoë\"", Encoding.UTF8.GetString(_sink.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ConcurrentWriters_WritesEveryRecordOnItsOwnLine()
    {
        Parallel.For(0, 200, i => _logger.Info("probe", ("i", i)));

        var indexes = LogLines.Parse(_sink).Select(record => record.GetProperty("i").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(0, 200), indexes);
    }

    [Fact]
    public void Log_SinkClosed_DoesNotThrow()
    {
        _sink.Dispose();

        _logger.Info("probe");
        _logger.Error(new InvalidOperationException("x"), "probe");
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}

public sealed class TraceRootTests
{
    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793 ;Sampled=0", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:1", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1", "")]
    [InlineData("garbage", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Find_Header_GivesRootValue(string? header, string expected)
    {
        Assert.Equal(expected, TraceRoot.Find(header).ToString());
    }
}
