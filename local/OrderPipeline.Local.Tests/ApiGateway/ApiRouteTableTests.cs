using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Tests.Stack.Template;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed class ApiRouteTableTests
{
    // Api (stage v1, from InlineTemplate) and Other (stage v1 too): one stage name, two APIs.
    private static readonly ApiRouteTable Table = ApiRouteTable.From(InlineTemplate.Parse($"""
          Other:
            Type: AWS::Serverless::Api
            Properties:
              StageName: v1
        {Function("Literal", ("Api", "/items/latest", "get"), ("Api", "/", "get"))}
        {Function("Variable", ("Api", "/items/{id}", "get"))}
        {Function("Any", ("Api", "/items/{id}", "any"))}
        {Function("Greedy", ("Api", "/{proxy+}", "get"))}
        {Function("Shared", ("Other", "/shared", "get"), ("Other", "/items/latest", "get"))}

        """));

    private static string Function(string name, params (string Api, string Path, string Method)[] events)
    {
        var yaml = $"  {name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n";
        for (var i = 0; i < events.Length; i++)
        {
            yaml += $"        E{i}:\n          Type: Api\n          Properties:\n"
                + $"            RestApiId: !Ref {events[i].Api}\n            Path: '{events[i].Path}'\n            Method: {events[i].Method}\n";
        }

        return yaml;
    }

    [Theory]
    [InlineData("GET", "items/latest", "Literal")]
    [InlineData("GET", "items/42", "Variable")]
    [InlineData("DELETE", "items/42", "Any")]
    [InlineData("GET", "items/42/parts/7", "Greedy")]
    [InlineData("GET", "", "Literal")]
    [InlineData("GET", "shared", "Greedy")]
    public void Find_SeveralResourcesMatch_MostSpecificResourceThenExactMethod(string method, string path, string function)
    {
        var match = Table.Find(null, "v1", ApiRoute.Split(path), method);

        Assert.Equal(function, match?.Route.Function.LogicalId);
    }

    [Fact]
    public void Find_VariableAndGreedy_CaptureTheirSegments()
    {
        Assert.Equal("42", Table.Find(null, "v1", ["items", "42"], "GET")!.PathParameters["id"]);
        Assert.Equal("a/b/c", Table.Find(null, "v1", ["a", "b", "c"], "GET")!.PathParameters["proxy"]);
    }

    [Theory]
    [InlineData("POST", "items/latest")]
    [InlineData("POST", "Items/42")]
    [InlineData("POST", "shared")]
    public void Find_MostSpecificResourceLacksTheMethod_Misses(string method, string path)
    {
        Assert.Null(Table.Find(null, "v1", ApiRoute.Split(path), method));
    }

    [Fact]
    public void Find_UnknownStage_Misses()
    {
        Assert.Null(Table.Find(null, "prod", ["items", "latest"], "GET"));
    }

    [Fact]
    public void Find_TwoApisShareTheStage_HostNamingAnApiIdSelectsItElseTemplateOrder()
    {
        Assert.Equal("Api", Table.Find(null, "v1", ["items", "latest"], "GET")!.Route.Api.LogicalId);
        // 6r8xox0s7l: the id LocalAccount gives Other in stack local-stack (what !Ref Other resolves to).
        Assert.Equal("Other", Table.Find("6r8xox0s7l.execute-api.localhost", "v1", ["items", "latest"], "GET")!.Route.Api.LogicalId);
        Assert.Equal("Shared", Table.Find("6R8XOX0S7L.localhost:3000", "v1", ["shared"], "GET")!.Route.Function.LogicalId);
        Assert.Null(Table.Find("6r8xox0s7l.execute-api.localhost", "v1", ["items", "42"], "GET"));
    }
}
