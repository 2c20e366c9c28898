using OrderPipeline.Contracts;

namespace OrderPipeline.Producer.Http;

/// <summary>
/// One entry of a problem document's <c>errors</c>: where the broken rule is — a JSON Pointer into the body
/// (<c>{"pointer","detail"}</c>, as in RFC 9457 §3) or a request header (<c>{"header","detail"}</c>) — and the rule,
/// as a sentence fragment that follows it.
/// </summary>
#pragma warning disable CA1720 // "Pointer" is RFC 9457's member name, and the name clients see.
internal sealed record ProblemError(string? Pointer, string? Header, string Detail)
#pragma warning restore CA1720
{
    public static ProblemError InBody(ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ProblemError(error.Pointer, null, error.Detail);
    }

    public static ProblemError InHeader(string name, string detail) => new(null, name, detail);
}
