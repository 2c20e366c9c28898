namespace OrderPipeline.Local.Stack;

/// <summary>A function's build: its <c>bootstrap</c>, and whether an up-to-date earlier build was reused.</summary>
public sealed record FunctionBuildResult(string LogicalId, string ArtifactsDirectory, bool Reused)
{
    public string BootstrapPath => Path.Combine(ArtifactsDirectory, FunctionBuilder.BootstrapFileName);
}
