using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

/// <summary>Small templates for one rule each: a queue, an API and one function whose environment holds the expression.</summary>
internal static class InlineTemplate
{
    public const string Header = """
        Parameters:
          Stage:
            Type: String
            Default: v1
          Names:
            Type: CommaDelimitedList
            Default: a,b,c
        Conditions:
          IsV1: !Equals [!Ref Stage, v1]
          IsProd: !Equals [!Ref Stage, prod]
          V1OrProd: !Or [!Condition IsV1, !Condition IsProd]
          NotV1: !Not [!Condition IsV1]
          Both:
            Fn::And:
              - Condition: IsV1
              - !Not [{ Condition: IsProd }]
        Mappings:
          Sizes:
            v1:
              Memory: 512
        Resources:
          Queue:
            Type: AWS::SQS::Queue
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: !Ref Stage
          Logs:
            Type: AWS::Logs::LogGroup

        """;

    /// <summary>The resolved value of <paramref name="expression"/> (YAML, indented for a mapping value).</summary>
    public static string Resolve(string expression, LocalAccount? resources = null)
    {
        var function = TemplateReader.Parse(WithVariable(expression), resources ?? TestAccount.With()).Function("Fn");
        return function.Environment["VALUE"];
    }

    public static LocalTemplate Parse(string resources, string globals = "") =>
        TemplateReader.Parse(globals + Header + resources, TestAccount.With());

    public static string WithVariable(string expression) => Header + $"""
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  VALUE: {expression}

        """;
}
