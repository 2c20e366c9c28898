namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// One segment of a resource path. <see cref="Kind"/> orders them as API Gateway prefers them when several resources
/// match: a literal, then a <c>{param}</c>, then a greedy <c>{proxy+}</c>.
/// </summary>
internal readonly record struct RouteSegment(RouteSegmentKind Kind, string Text)
{
    /// <summary>Reads <c>orders</c>, <c>{id}</c> or <c>{proxy+}</c>; the text of a variable is its name.</summary>
    public static RouteSegment Parse(string segment)
    {
        if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
        {
            var name = segment[1..^1];
            return name.EndsWith('+')
                ? new RouteSegment(RouteSegmentKind.Greedy, name[..^1])
                : new RouteSegment(RouteSegmentKind.Variable, name);
        }

        return new RouteSegment(RouteSegmentKind.Literal, segment);
    }
}
