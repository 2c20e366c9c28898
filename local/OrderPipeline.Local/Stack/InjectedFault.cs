namespace OrderPipeline.Local.Stack;

/// <summary>
/// How many times a local service injected one kind of fault into one operation: <paramref name="Code"/> is the error
/// code it answered with (<c>InternalError</c>, <c>ThrottlingException</c>, …) or the name of a fault that is not an
/// error answer (<c>DuplicateDelivery</c>).
/// </summary>
public sealed record InjectedFault(string Operation, string Code, long Count);
