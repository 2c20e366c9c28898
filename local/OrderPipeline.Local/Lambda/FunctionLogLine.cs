namespace OrderPipeline.Local.Lambda;

/// <summary>One line a function instance wrote, without its line break.</summary>
public sealed record FunctionLogLine(string FunctionName, int InstanceId, FunctionOutput Stream, string Text);
