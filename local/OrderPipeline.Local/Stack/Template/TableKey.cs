namespace OrderPipeline.Local.Stack.Template;

/// <summary>One key attribute of a table: its name and its <c>AttributeType</c> (<c>S</c>, <c>N</c> or <c>B</c>).</summary>
internal sealed record TableKey(string AttributeName, string AttributeType);
