using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Lambda.Tests;

public sealed class LambdaContextAccessorTests
{
    [Fact]
    public void Current_OutsideAnInvocation_IsNull()
    {
        Assert.Null(LambdaContextAccessor.Current);
    }

    [Fact]
    public void Enter_NestedScopes_DisposeRestoresThePreviousContext()
    {
        var outer = new TestLambdaContext { AwsRequestId = "outer" };
        var inner = new TestLambdaContext { AwsRequestId = "inner" };

        using (LambdaContextAccessor.Enter(outer))
        {
            using (LambdaContextAccessor.Enter(inner))
            {
                Assert.Same(inner, LambdaContextAccessor.Current);
            }

            Assert.Same(outer, LambdaContextAccessor.Current);
        }

        Assert.Null(LambdaContextAccessor.Current);
    }

    [Fact]
    public async Task Enter_WorkStartedInScope_SeesTheContextOnOtherThreads()
    {
        var context = new TestLambdaContext();
        Task<ILambdaContext?> work;

        using (LambdaContextAccessor.Enter(context))
        {
            work = Task.Run(async () =>
            {
                await Task.Yield();
                return LambdaContextAccessor.Current;
            });
        }

        Assert.Same(context, await work);
        Assert.Null(LambdaContextAccessor.Current);
    }
}
