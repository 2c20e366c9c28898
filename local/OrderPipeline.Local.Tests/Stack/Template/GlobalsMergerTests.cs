using OrderPipeline.Local.Stack.Template;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class GlobalsMergerTests
{
    [Fact]
    public void Merge_Scalars_FunctionValueWins()
    {
        var merged = GlobalsMerger.Merge(Map("Timeout: 5\nRuntime: provided.al2023"), Map("Timeout: 9"));

        Assert.Equal("9", Text(merged, "Timeout"));
        Assert.Equal("provided.al2023", Text(merged, "Runtime"));
    }

    [Fact]
    public void Merge_Maps_MergedRecursivelyWithFunctionKeysWinning()
    {
        var merged = GlobalsMerger.Merge(
            Map("Environment:\n  Variables:\n    A: global\n    B: global"),
            Map("Environment:\n  Variables:\n    B: local\n    C: local"));

        var variables = (YamlMappingNode)YamlNodes.Child((YamlMappingNode)YamlNodes.Child(merged, "Environment")!, "Variables")!;
        Assert.Equal(["A=global", "B=local", "C=local"], YamlNodes.Entries(variables).Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Merge_Lists_GlobalEntriesFirst()
    {
        var merged = GlobalsMerger.Merge(Map("Layers: [g1, g2]"), Map("Layers: [l1]"));

        Assert.Equal(["g1", "g2", "l1"], ((YamlSequenceNode)YamlNodes.Child(merged, "Layers")!).Children.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("Environment: !If [C, {Variables: {A: x}}, !Ref AWS::NoValue]", "Environment:\n  Variables: {B: y}")]
    [InlineData("Environment:\n  Variables: {A: x}", "Environment: !If [C, {Variables: {B: y}}, !Ref AWS::NoValue]")]
    [InlineData("Layers: [g1]", "Layers: !Ref Names")]
    [InlineData("Layers: [g1]", "Layers: {Ref: Names}")]
    public void Merge_IntrinsicOnEitherSide_FunctionValueWins(string globals, string function)
    {
        var local = Map(function);

        var merged = GlobalsMerger.Merge(Map(globals), local);

        Assert.Same(YamlNodes.Child(local, local.Children.First().Key.ToString()), merged.Children.Single().Value);
    }

    [Fact]
    public void Merge_NoGlobals_KeepsFunctionProperties()
    {
        var merged = GlobalsMerger.Merge(null, Map("Timeout: 9"));

        Assert.Equal("9", Text(merged, "Timeout"));
    }

    private static YamlMappingNode Map(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Text(YamlMappingNode map, string key) => ((YamlScalarNode)YamlNodes.Child(map, key)!).Value;
}
