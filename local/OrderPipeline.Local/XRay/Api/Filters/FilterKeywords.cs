using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>
/// The simple keywords of one scope of a filter expression (the trace, the inside of <c>service(…) {…}</c> or
/// <c>edge(…) {…}</c>, the inside of <c>rootcause.fault.service {…}</c>…) and how each reads its subject: booleans,
/// numbers, strings (a string keyword may have several values, as <c>user</c> has one per segment: any may match).
/// Keywords are case-insensitive, as in <c>responseTime &gt; 2</c>.
/// </summary>
internal sealed class FilterKeywords<T>
{
    public required string Scope { get; init; }

    public Dictionary<string, Func<T, bool>> Flags { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Func<T, double?>> Numbers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Func<T, IEnumerable<string>>> Strings { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The keyword tables of every scope, after https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html
/// (boolean, number and string keywords; the enumerated-list keywords <c>first</c>, <c>last</c>, <c>index</c> of root causes).
/// </summary>
internal static class FilterScopes
{
    public static FilterKeywords<TraceFacts> Trace { get; } = new()
    {
        Scope = "a trace",
        Flags = Keywords<TraceFacts, bool>(
            ("ok", facts => facts.IsOk), ("error", facts => facts.HasError), ("fault", facts => facts.HasFault),
            ("throttle", facts => facts.HasThrottle), ("partial", facts => facts.Trace.IsPartial),
            ("inferred", facts => facts.HasInferred)),
        Numbers = Keywords<TraceFacts, double?>(
            ("responsetime", facts => facts.ResponseTime), ("duration", facts => facts.Duration),
            ("http.status", facts => facts.HttpStatus)),
        Strings = Keywords<TraceFacts, IEnumerable<string>>(
            ("http.url", facts => One(facts.HttpUrl)), ("http.method", facts => One(facts.HttpMethod)),
            ("http.useragent", facts => One(facts.UserAgent)), ("http.clientip", facts => One(facts.ClientIp)),
            ("user", facts => facts.Users.Select(user => user.Name)),
            ("availabilityzone", facts => facts.SegmentStrings("aws", "ec2", "availability_zone")),
            ("instance.id", facts => facts.SegmentStrings("aws", "ec2", "instance_id")),
            ("resource.arn", facts => facts.SegmentStrings("resource_arn"))),
    };

    /// <summary>Inside <c>service(…) {…}</c> and <c>edge(…) {…}</c>: the service's segment, or the call inferred from.</summary>
    public static FilterKeywords<ServiceVisit> Service { get; } = new()
    {
        Scope = "service(…) or edge(…)",
        Flags = Keywords<ServiceVisit, bool>(
            ("ok", visit => visit.Entity.Outcome == RequestOutcome.Ok),
            ("error", visit => visit.Entity.Outcome is RequestOutcome.Error or RequestOutcome.Throttle),
            ("fault", visit => visit.Entity.Outcome == RequestOutcome.Fault),
            ("throttle", visit => visit.Entity.Outcome == RequestOutcome.Throttle),
            ("partial", visit => visit.Entity.InProgress), ("inferred", visit => visit.Inferred), ("root", visit => visit.Root)),
        Numbers = Keywords<ServiceVisit, double?>(
            ("responsetime", visit => visit.Entity.Duration), ("duration", visit => visit.Entity.Duration),
            ("http.status", visit => TraceFacts.HttpStatusOf(visit.Entity))),
        Strings = Keywords<ServiceVisit, IEnumerable<string>>(
            ("http.url", visit => One(TraceFacts.HttpRequest(visit.Entity, "url"))),
            ("http.method", visit => One(TraceFacts.HttpRequest(visit.Entity, "method"))),
            ("http.useragent", visit => One(TraceFacts.HttpRequest(visit.Entity, "user_agent"))),
            ("http.clientip", visit => One(TraceFacts.HttpRequest(visit.Entity, "client_ip"))),
            ("user", visit => One(JsonFields.String(visit.Entity.Document, "user"))),
            ("name", visit => [visit.Service.Name]), ("type", visit => One(visit.Service.Type))),
    };

    public static FilterKeywords<RootCauseService> RootCauseService { get; } = new()
    {
        Scope = "rootcause.*.service",
        Flags = Keywords<RootCauseService, bool>(
            ("inferred", service => service.Inferred), ("first", service => service.Index == 0),
            ("last", service => service.Index == service.Count - 1), ("root", service => service.Index == 0)),
        Numbers = Keywords<RootCauseService, double?>(("index", service => service.Index)),
        Strings = Keywords<RootCauseService, IEnumerable<string>>(
            ("name", service => [service.Service.Name]), ("type", service => One(service.Service.Type))),
    };

    public static FilterKeywords<RootCauseEntity> RootCauseEntity { get; } = new()
    {
        Scope = "rootcause.*.entity",
        Flags = Keywords<RootCauseEntity, bool>(
            ("remote", entity => entity.Remote), ("first", entity => entity.Index == 0),
            ("last", entity => entity.Index == entity.Count - 1)),
        Numbers = Keywords<RootCauseEntity, double?>(("index", entity => entity.Index), ("coverage", entity => entity.Coverage)),
        Strings = Keywords<RootCauseEntity, IEnumerable<string>>(("name", entity => [entity.Name])),
    };

    public static FilterKeywords<RootCauseException> RootCauseException { get; } = new()
    {
        Scope = "rootcause.*.exception",
        Flags = Keywords<RootCauseException, bool>(
            ("first", exception => exception.Index == 0), ("last", exception => exception.Index == exception.Count - 1)),
        Numbers = Keywords<RootCauseException, double?>(("index", exception => exception.Index)),
        Strings = Keywords<RootCauseException, IEnumerable<string>>(
            ("name", exception => [exception.Name]), ("message", exception => [exception.Message])),
    };

    private static IEnumerable<string> One(string? value) => value is null ? [] : [value];

    private static Dictionary<string, Func<TSubject, TValue>> Keywords<TSubject, TValue>(params (string Name, Func<TSubject, TValue> Read)[] keywords) =>
        keywords.ToDictionary(keyword => keyword.Name, keyword => keyword.Read, StringComparer.OrdinalIgnoreCase);
}
