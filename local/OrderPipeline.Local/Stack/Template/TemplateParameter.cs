namespace OrderPipeline.Local.Stack.Template;

/// <summary>A template parameter; <see cref="Value"/> is the override when one was given, else the default.</summary>
internal sealed record TemplateParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string> AllowedValues,
    string? Value);
