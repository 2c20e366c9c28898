using System.Text.Json.Nodes;

namespace OrderPipeline.Deployment.Tests;

internal static class JsonAssert
{
    /// <summary>Asserts that <paramref name="actual"/> is the JSON <paramref name="expectedJson"/>, key order aside.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"Expected {expected?.ToJsonString()} but found {actual?.ToJsonString() ?? "nothing"} at {actual?.GetPath()}.");
    }
}
