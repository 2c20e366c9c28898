namespace OrderPipeline.Local.Cli.Demo;

/// <summary>One condition the demo's exit code depends on.</summary>
internal sealed record DemoCheck(string Name, bool Passed, string Detail);
