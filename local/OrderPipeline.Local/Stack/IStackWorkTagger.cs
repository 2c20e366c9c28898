namespace OrderPipeline.Local.Stack;

/// <summary>
/// Marks the work a part of the stack starts as that part's, so that its CPU can be attributed (the bench's
/// per-component CPU). Work started inside the scope keeps the mark (it flows with the execution context).
/// </summary>
internal interface IStackWorkTagger
{
    /// <summary>Marks the current flow as <paramref name="component"/>'s until the scope is disposed.</summary>
    IDisposable Enter(StackComponent component);
}
