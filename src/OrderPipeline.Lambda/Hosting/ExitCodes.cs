namespace OrderPipeline.Lambda.Hosting;

/// <summary>The process exit codes <c>LambdaHost.RunAsync</c> returns.</summary>
internal static class ExitCodes
{
    public const int Stopped = 0;
    public const int InitializationFailed = 1;
    public const int RuntimeApiFailed = 2;
}
