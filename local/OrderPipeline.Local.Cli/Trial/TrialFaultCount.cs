namespace OrderPipeline.Local.Cli.Trial;

/// <summary>How many faults of one kind the trial injected (e.g. "SendMessage InternalError", "consumer killed").</summary>
internal sealed record TrialFaultCount(string Kind, long Count);
