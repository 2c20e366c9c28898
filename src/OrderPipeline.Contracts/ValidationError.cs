namespace OrderPipeline.Contracts;

/// <summary>One broken rule of a contract document.</summary>
/// <param name="Pointer">
/// RFC 6901 JSON Pointer to the offending value, such as <c>/items/2/quantity</c>; empty for the whole body.
/// </param>
/// <param name="Detail">The rule, as a sentence fragment that follows the pointer: "must be an integer from 1 to 999".</param>
#pragma warning disable CA1720 // "Pointer" is RFC 6901's name for it, and the name clients see.
public sealed record ValidationError(string Pointer, string Detail);
#pragma warning restore CA1720
