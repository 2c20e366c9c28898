using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Lambda;

// Reserved concurrency bounds a function and is taken from the account; the rest of the quota is shared, and Lambda
// keeps at least 100 of it (all of it below 100) unreserved. Beyond a pool Invoke answers 429 TooManyRequestsException
// with the reason. https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
public sealed class LambdaConcurrencyTests
{
    [Fact]
    public void Acquire_BeyondTheReservation_ThrowsReservedFunctionLimitAndFreesOnRelease()
    {
        var concurrency = new LambdaConcurrency(1000, [KeyValuePair.Create("Producer", (int?)2)]);
        var first = concurrency.Acquire("Producer");
        using var second = concurrency.Acquire("Producer");

        var refused = Assert.Throws<TooManyRequestsException>(() => concurrency.Acquire("Producer"));
        first.Dispose();
        first.Dispose();
        using var third = concurrency.Acquire("Producer");

        Assert.Equal(("ReservedFunctionConcurrentInvocationLimitExceeded", "Rate Exceeded."), (refused.Reason, refused.Message));
        Assert.Throws<TooManyRequestsException>(() => concurrency.Acquire("Producer"));
    }

    [Fact]
    public void Acquire_BeyondTheAccountQuota_ThrowsConcurrentInvocationLimitForEveryUnreservedFunction()
    {
        var concurrency = new LambdaConcurrency(10, [KeyValuePair.Create("Producer", (int?)null), KeyValuePair.Create("Consumer", (int?)null)]);
        var leases = Enumerable.Range(0, 10).Select(i => concurrency.Acquire(i % 2 == 0 ? "Producer" : "Consumer")).ToList();

        var refused = Assert.Throws<TooManyRequestsException>(() => concurrency.Acquire("Consumer"));
        leases[0].Dispose();
        using var next = concurrency.Acquire("Consumer");

        Assert.Equal("ConcurrentInvocationLimitExceeded", refused.Reason);
        Assert.Equal((10, 10), (concurrency.AccountConcurrency, concurrency.UnreservedConcurrency));
    }

    [Fact]
    public void Acquire_ReservedFunctionBusy_LeavesTheUnreservedPoolAlone()
    {
        var concurrency = new LambdaConcurrency(200, [KeyValuePair.Create("Producer", (int?)100), KeyValuePair.Create("Consumer", (int?)null)]);
        var reserved = Enumerable.Range(0, 100).Select(_ => concurrency.Acquire("Producer")).ToList();
        var shared = Enumerable.Range(0, 100).Select(_ => concurrency.Acquire("Consumer")).ToList();

        Assert.Equal(100, concurrency.UnreservedConcurrency);
        Assert.Equal(TooManyRequestsException.ReservedFunctionLimit, Assert.Throws<TooManyRequestsException>(() => concurrency.Acquire("Producer")).Reason);
        Assert.Equal(TooManyRequestsException.AccountLimit, Assert.Throws<TooManyRequestsException>(() => concurrency.Acquire("Consumer")).Reason);
        Assert.Equal(200, reserved.Count + shared.Count);
    }

    [Theory]
    [InlineData(10, 1, "[10]")]
    [InlineData(150, 51, "[100]")]
    public void Constructor_ReservationBelowTheUnreservedMinimum_RefusedInLambdasWords(int account, int reserved, string minimum)
    {
        var exception = Assert.Throws<TemplateException>(() => new LambdaConcurrency(account, [KeyValuePair.Create("Producer", (int?)reserved)]));

        Assert.Equal(
            $"Producer: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of {minimum}.",
            exception.Message);
        Assert.Equal(50, new LambdaConcurrency(150, [KeyValuePair.Create("Producer", (int?)50)]).ReservedFor("Producer"));
    }
}
