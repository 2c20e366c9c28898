namespace OrderPipeline.Lambda;

/// <summary>The context of the invocation the calling code runs for, flowing with async calls.</summary>
public static class LambdaContextAccessor
{
    private static readonly AsyncLocal<ILambdaContext?> CurrentContext = new();

    /// <summary>The current invocation's context; null outside an invocation.</summary>
    public static ILambdaContext? Current => CurrentContext.Value;

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    internal static Scope Enter(ILambdaContext context)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Scope(previous);
    }

    internal readonly struct Scope(ILambdaContext? previous) : IDisposable
    {
        public void Dispose() => CurrentContext.Value = previous;
    }
}
