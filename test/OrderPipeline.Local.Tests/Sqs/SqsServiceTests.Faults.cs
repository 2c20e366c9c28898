using System.Net;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;
using SqsEndpoint = OrderPipeline.TestHelpers.Sqs.SqsEndpoint;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed partial class SqsServiceTests
{
    [Fact]
    public async Task FaultRates_WithTheSameSeed_FailAndThrottleTheSameRequests()
    {
        var rates = new SqsFaultRates(FailureShare: 0.2, ThrottleShare: 0.3, Seed: 42);

        var first = await OutcomesAsync(rates, 40);
        var second = await OutcomesAsync(rates, 40);

        Assert.Equal(first, second);
        Assert.Contains("InternalError", first);
        Assert.Contains("RequestThrottled", first);
        Assert.Contains("ok", first);
    }

    [Fact]
    public async Task FaultRates_WithFailureShareOne_AnswersEveryRequestWithInternalError()
    {
        var outcomes = await OutcomesAsync(new SqsFaultRates(1, 0, 7), 5);

        Assert.All(outcomes, outcome => Assert.Equal("InternalError", outcome));
    }

    [Fact]
    public void Constructor_WithSharesAddingUpToMoreThanOne_Throws()
    {
        var settings = SqsServiceSettings.Default with { FaultRates = new SqsFaultRates(0.6, 0.5, 1) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new SqsService(settings));
    }

    /// <summary>Sends <paramref name="count"/> messages without retries and names how each call ended.</summary>
    private static async Task<List<string>> OutcomesAsync(SqsFaultRates rates, int count)
    {
        await using var endpoint = await SqsEndpoint.StartAsync(SqsServiceSettings.Default with { FaultRates = rates },
            TimeProvider.System);
        var queueUrl = endpoint.CreateQueue("orders");
        using var sqs = Client(endpoint);
        var outcomes = new List<string>();
        for (var call = 0; call < count; call++)
        {
            try
            {
                await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "body"));
                outcomes.Add("ok");
            }
            catch (AmazonSQSException error)
            {
                Assert.Equal(error.ErrorCode == "InternalError" ? HttpStatusCode.InternalServerError : HttpStatusCode.BadRequest,
                    error.StatusCode);
                outcomes.Add(error.ErrorCode);
            }
        }

        return outcomes;
    }
}
