namespace OrderPipeline.Local.Stack.Template;

/// <summary>The values SAM, Lambda and SQS use where the template is silent.</summary>
internal static class SamDefaults
{
    /// <summary>Seconds.</summary>
    public const int Timeout = 3;

    /// <summary>MB.</summary>
    public const int MemorySize = 128;

    public const string Architecture = "x86_64";

    public const int SqsBatchSize = 10;

    public const string ImplicitApiStageName = "Prod";

    /// <summary>Seconds.</summary>
    public const int QueueVisibilityTimeout = 30;

    /// <summary>Seconds (four days).</summary>
    public const int QueueMessageRetentionPeriod = 345_600;
}
