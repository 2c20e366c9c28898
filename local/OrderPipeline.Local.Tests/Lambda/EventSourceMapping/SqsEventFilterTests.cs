using Amazon.SQS.Model;
using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

// The filter rule syntax of https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax
// on SQS records (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html): a pattern matches the record
// Lambda writes, its body by the body's JSON fields, or as a string when the body is not JSON.
public sealed class SqsEventFilterTests
{
    private const string Arn = "arn:aws:sqs:eu-west-1:000000000000:orders";
    private const string Order = """{"currency":"EUR","total":42.5,"customer":{"tier":"gold","id":"cust-42"},"tags":["new","vip"],"note":null}""";

    [Theory]
    [InlineData("""{"body":{"currency":["EUR"]}}""", true)]
    [InlineData("""{"body":{"currency":["USD"]}}""", false)]
    [InlineData("""{"body":{"currency":["USD","EUR"]}}""", true)]
    [InlineData("""{"body":{"customer":{"tier":["gold"]}}}""", true)]
    [InlineData("""{"body":{"customer":{"tier":["gold"],"id":["cust-7"]}}}""", false)]
    [InlineData("""{"body":{"tags":["vip"]}}""", true)]
    [InlineData("""{"body":{"note":[null]}}""", true)]
    [InlineData("""{"body":{"currency":[{"prefix":"EU"}]}}""", true)]
    [InlineData("""{"body":{"currency":[{"suffix":"UR"}]}}""", true)]
    [InlineData("""{"body":{"currency":[{"equals-ignore-case":"eur"}]}}""", true)]
    [InlineData("""{"body":{"currency":[{"anything-but":["EUR","USD"]}]}}""", false)]
    [InlineData("""{"body":{"currency":[{"anything-but":"GBP"}]}}""", true)]
    [InlineData("""{"body":{"currency":[{"anything-but":{"prefix":"E"}}]}}""", false)]
    [InlineData("""{"body":{"total":[{"numeric":[">",40,"<=",42.5]}]}}""", true)]
    [InlineData("""{"body":{"total":[{"numeric":["<",40]}]}}""", false)]
    [InlineData("""{"body":{"total":[42.5]}}""", true)]
    [InlineData("""{"body":{"total":["42.5"]}}""", false)]
    [InlineData("""{"body":{"discount":[{"exists":false}]}}""", true)]
    [InlineData("""{"body":{"currency":[{"exists":false}]}}""", false)]
    [InlineData("""{"body":{"discount":[{"exists":true}]}}""", false)]
    [InlineData("""{"body":{"discount":[{"anything-but":"x"}]}}""", false)]
    [InlineData("""{"body":["plain text"]}""", false)]
    [InlineData("""{"attributes":{"ApproximateReceiveCount":["1"]}}""", true)]
    [InlineData("""{"messageAttributes":{"kind":{"stringValue":["order"]}}}""", true)]
    [InlineData("""{"messageAttributes":{"kind":{"stringValue":["refund"]}}}""", false)]
    [InlineData("""{"body":{"currency":["EUR"]},"attributes":{"ApproximateReceiveCount":["2"]}}""", false)]
    public void Matches_PatternOnAJsonOrder_AsLambdaMatches(string pattern, bool matches)
    {
        var filter = SqsEventFilter.Parse([pattern]);

        Assert.Equal(matches, filter.Matches(Message(Order), Arn, "eu-west-1"));
    }

    [Theory]
    [InlineData("""{"body":["plain text"]}""", true)]
    [InlineData("""{"body":[{"prefix":"plain"}]}""", true)]
    [InlineData("""{"body":["other"]}""", false)]
    [InlineData("""{"body":{"currency":["EUR"]}}""", false)]
    public void Matches_PatternOnAPlainTextBody_MatchesTheBodyAsAString(string pattern, bool matches)
    {
        Assert.Equal(matches, SqsEventFilter.Parse([pattern]).Matches(Message("plain text"), Arn, "eu-west-1"));
    }

    [Fact]
    public void Matches_SeveralFilters_AnyOneMatching()
    {
        var filter = SqsEventFilter.Parse(["""{"body":{"currency":["USD"]}}""", """{"body":{"customer":{"tier":["gold"]}}}"""]);

        Assert.True(filter.Matches(Message(Order), Arn, "eu-west-1"));
        Assert.False(filter.Matches(Message("""{"currency":"GBP"}"""), Arn, "eu-west-1"));
    }

    [Theory]
    [InlineData("[]", "Filters[0].Pattern must be a non-empty JSON object.")]
    [InlineData("""{"body":{"total":[{"numeric":[">"]}]}}""", "Filters[0].Pattern.body.total: the operand of 'numeric' is not valid.")]
    [InlineData("""{"body":{"total":[{"prefix":"a","suffix":"b"}]}}""", "Filters[0].Pattern.body.total: a rule is a value or an object with one operator.")]
    public void Parse_InvalidPattern_ThrowsSayingWhere(string pattern, string expected)
    {
        Assert.Equal(expected, Assert.Throws<FormatException>(() => SqsEventFilter.Parse([pattern])).Message);
    }

    [Fact]
    public void Parse_MoreThanLambdasFiveFilters_Throws()
    {
        Assert.Throws<FormatException>(() => SqsEventFilter.Parse([.. Enumerable.Repeat("""{"body":["a"]}""", 6)]));
    }

    private static Message Message(string body) => new()
    {
        MessageId = "m-1",
        ReceiptHandle = "handle",
        Body = body,
        MD5OfBody = "0",
        Attributes = new() { ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1795670037163" },
        MessageAttributes = new() { ["kind"] = new() { DataType = "String", StringValue = "order" } },
        MD5OfMessageAttributes = "0",
    };
}
