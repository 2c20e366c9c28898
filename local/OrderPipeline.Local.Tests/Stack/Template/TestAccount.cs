namespace OrderPipeline.Local.Tests.Stack.Template;

/// <summary>The local account the template tests read with: eu-west-1, stack <c>local-stack</c>, SQS on 127.0.0.1:9324.</summary>
internal static class TestAccount
{
    public static LocalAccount With(params (string Name, string Value)[] parameters) =>
        new(
            "http://127.0.0.1:9324",
            "eu-west-1",
            parameters.ToDictionary(parameter => parameter.Name, parameter => parameter.Value, StringComparer.Ordinal),
            "local-stack");
}
