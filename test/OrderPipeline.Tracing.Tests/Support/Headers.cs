namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>The trace header examples from the X-Ray and Lambda documentation.</summary>
internal static class Headers
{
    public const string Root = "1-5759e988-bd862e3fe1be46a994272793";
    public const string RootHex = "5759e988bd862e3fe1be46a994272793";
    public const string Parent = "53995c3f42cd8ad8";
    public const string Lineage = "a87bd80c:1|68fd508a:5";
    public const string Documented = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    public const string WithLineage = Documented + ";Lineage=a87bd80c:1|68fd508a:5";
}
