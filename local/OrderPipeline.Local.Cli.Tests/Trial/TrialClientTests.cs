using OrderPipeline.Local.Cli.Trial;

namespace OrderPipeline.Local.Cli.Tests.Trial;

public sealed class TrialClientTests
{
    // Exponential back-off with full jitter after each 429: the cap doubles from 100 ms up to 5 s and the delay is a
    // random share of it. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
    [Theory]
    [InlineData(1, 1.0, 100)]
    [InlineData(3, 1.0, 400)]
    [InlineData(3, 0.5, 200)]
    [InlineData(10, 1.0, 5000)]
    [InlineData(4, 0.0, 0)]
    public void ThrottleDelay_DoublingCapTimesJitter(int throttles, double jitter, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), TrialClient.ThrottleDelay(throttles, jitter));
    }

    [Theory]
    [InlineData(new[] { 429, 429 }, true)]
    [InlineData(new[] { 429, 500, 503 }, true)]
    [InlineData(new[] { 429, 202 }, false)]
    [InlineData(new[] { 429, 502 }, false)]
    public void OnlyRefusals_A429IsCertainlyNotAccepted(int[] statuses, bool refused)
    {
        var order = TrialOrders.Create(1, 1)[0];
        var submission = new TrialSubmission(order, [.. statuses.Select(status => new TrialAnswer(status, null))], false, 0, []);

        Assert.Equal(refused, submission.OnlyRefusals);
    }
}
