using System.Text;
using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed class BatchItemFailuresReaderTests
{
    private static readonly string[] Batch = ["m-1", "m-2", "m-3"];

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"batchItemFailures\":null}")]
    [InlineData("{\"batchItemFailures\":[]}")]
    [InlineData("{\"somethingElse\":1}")]
    public void Read_ResponseNamingNoFailures_SucceedsEveryRecord(string response)
    {
        var verdict = Read(response);

        Assert.Empty(verdict.FailedMessageIds);
        Assert.Null(verdict.Reason);
    }

    [Fact]
    public void Read_ResponseNamingSomeRecords_FailsExactlyThose()
    {
        var verdict = Read("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-3\"},{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"m-1\"}]}");

        Assert.Equal(["m-1", "m-3"], verdict.FailedMessageIds.Order(StringComparer.Ordinal));
        Assert.Null(verdict.Reason);
    }

    [Theory]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemId\":\"m-1\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-9\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"M-2\"}]}")]
    [InlineData("{\"batchItemFailures\":[{\"itemIdentifier\":7}]}")]
    [InlineData("{\"batchItemFailures\":[\"m-1\"]}")]
    [InlineData("{\"batchItemFailures\":\"m-1\"}")]
    [InlineData("[\"m-1\"]")]
    [InlineData("\"ok\"")]
    [InlineData("{\"batchItemFailures\":[")]
    [InlineData("not json")]
    public void Read_InvalidOrUnknownEntry_FailsTheWholeBatch(string response)
    {
        var verdict = Read(response);

        Assert.Equal(Batch, verdict.FailedMessageIds.Order(StringComparer.Ordinal));
        Assert.NotNull(verdict.Reason);
    }

    private static SqsBatchVerdict Read(string response) =>
        BatchItemFailuresReader.Read(Encoding.UTF8.GetBytes(response), Batch);
}
