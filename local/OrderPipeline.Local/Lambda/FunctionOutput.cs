namespace OrderPipeline.Local.Lambda;

/// <summary>Which output of an instance's process a line came from.</summary>
public enum FunctionOutput
{
    StandardOutput,
    StandardError,
}
