namespace OrderPipeline.Local.Stack;

/// <summary>One <c>make build-&lt;LogicalId&gt;</c>, as <c>sam build</c> runs it for <c>BuildMethod: makefile</c>.</summary>
/// <param name="TemplateDirectory">The folder of template.yaml and its Makefile; make runs there.</param>
/// <param name="LogicalId">The function's logical id.</param>
/// <param name="ArtifactsDirectory">ARTIFACTS_DIR: where the build leaves the <c>bootstrap</c>.</param>
/// <param name="Mode">Passed as BUILD_MODE.</param>
/// <param name="DotnetArtifactsDirectory">Passed as DOTNET_ARTIFACTS (the intermediates); null for the Makefile's default.</param>
public sealed record FunctionBuildRequest(
    string TemplateDirectory,
    string LogicalId,
    string ArtifactsDirectory,
    FunctionBuildMode Mode = FunctionBuildMode.Auto,
    string? DotnetArtifactsDirectory = null);
