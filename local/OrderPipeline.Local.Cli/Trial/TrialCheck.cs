namespace OrderPipeline.Local.Cli.Trial;

/// <summary>One promise the trial checked, whether it held, and the figures or order ids that show it.</summary>
internal sealed record TrialCheck(string Name, bool Passed, string Detail);
