using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>What <c>invoke</c> runs: one function of the template, once, on one event file.</summary>
/// <param name="LogicalId">The function's logical id in the template.</param>
/// <param name="EventPath">The event file (JSON), as for <c>sam local invoke -e</c>.</param>
/// <param name="TemplatePath">The SAM template; its folder holds the Makefile the build runs.</param>
/// <param name="DataDirectory">Where builds are kept (<c>build/&lt;LogicalId&gt;</c>).</param>
/// <param name="ArtifactsDirectory">An existing build to run instead of building (a folder holding <c>bootstrap</c>).</param>
/// <param name="BuildMode">How to build the function when <paramref name="ArtifactsDirectory"/> is null.</param>
internal sealed record InvokeOptions(
    string LogicalId,
    string EventPath,
    string TemplatePath,
    string DataDirectory,
    string? ArtifactsDirectory,
    FunctionBuildMode BuildMode = FunctionBuildMode.Auto);
