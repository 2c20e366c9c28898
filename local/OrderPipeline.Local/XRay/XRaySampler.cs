using System.Globalization;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// X-Ray's sampling as a service applies it to requests that arrive without a decision
/// (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html): the rules in ascending
/// <see cref="SamplingRule.Priority"/> (then by name), the first that matches decides; each rule samples its first
/// <see cref="SamplingRule.ReservoirSize"/> matching requests of every second, then <see cref="SamplingRule.FixedRate"/>
/// of the rest. <see cref="SamplingRule.Default"/> (1 a second, then 5%) always comes last. Thread-safe.
/// </summary>
internal sealed class XRaySampler
{
    private readonly RuleState[] _rules;
    private readonly TimeProvider _time;
    private readonly Func<double> _nextDouble;
    private readonly Lock _gate = new();

    /// <summary>The rules with the system clock and a shared random source.</summary>
    public XRaySampler(IEnumerable<SamplingRule> rules)
        : this(rules, TimeProvider.System, Random.Shared.NextDouble)
    {
    }

    /// <param name="rules">The account's rules; the default rule is added after them.</param>
    /// <param name="time">Whose whole seconds the reservoirs count in.</param>
    /// <param name="nextDouble">A draw in [0, 1): a request beyond the reservoir is sampled when it is below the rate.</param>
    internal XRaySampler(IEnumerable<SamplingRule> rules, TimeProvider time, Func<double> nextDouble)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules
            .Append(SamplingRule.Default)
            .OrderBy(rule => rule.Priority)
            .ThenBy(rule => rule.RuleName, StringComparer.Ordinal)
            .Select(rule => new RuleState(rule))
            .ToArray();
        _time = time;
        _nextDouble = nextDouble;
    }

    /// <summary>Samples every request (<c>--sample-all</c>): a rule matching everything at rate 1.</summary>
    public static XRaySampler SampleAll { get; } =
        new([SamplingRule.Default with { RuleName = SamplingRule.SampleAllName, Priority = 1, FixedRate = 1 }]);

    /// <summary>
    /// What Lambda applies to the invocations it starts itself (an event source mapping's batches): the default rule's
    /// 1 a second and 5%, which no rule of the account changes
    /// (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html: "You can't configure the X-Ray sampling rate
    /// for your functions").
    /// </summary>
    public static XRaySampler ForLambda() => new([]);

    /// <summary>The rules in the order they are tried, the default last.</summary>
    public IReadOnlyList<SamplingRule> Rules => _rules.Select(state => state.Rule).ToArray();

    /// <summary>Decides for one request; never throws.</summary>
    public SamplingVerdict Decide(SamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var state in _rules)
        {
            if (!state.Rule.Matches(request))
            {
                continue;
            }

            lock (_gate)
            {
                if (state.Second != second)
                {
                    (state.Second, state.Taken) = (second, 0);
                }

                if (state.Taken < state.Rule.ReservoirSize)
                {
                    state.Taken++;
                    return new SamplingVerdict(true, state.Rule.RuleName);
                }
            }

            return new SamplingVerdict(_nextDouble() < state.Rule.FixedRate, state.Rule.RuleName);
        }

        return new SamplingVerdict(false, SamplingRule.DefaultName);
    }

    /// <summary>One line per rule, as <c>up</c> prints them: name, priority, reservoir, rate and what it matches.</summary>
    public IEnumerable<string> Describe() => _rules.Select(state => state.Rule.ToString());

    private sealed class RuleState(SamplingRule rule)
    {
        public SamplingRule Rule { get; } = rule;

        public long Second { get; set; } = -1;

        public int Taken { get; set; }
    }
}

/// <summary>The decision for one request and the rule that made it (the segment's <c>aws.xray.sampling_rule_name</c>).</summary>
internal readonly record struct SamplingVerdict(bool Sampled, string RuleName);

/// <summary>
/// What a rule is matched against: for an API Gateway stage, <c>{api-name}/{stage}</c>,
/// <c>AWS::ApiGateway::Stage</c>, the <c>Host</c> header, the method, the path and the stage's ARN
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-configuring-xray-sampling-rules.html).
/// </summary>
internal sealed record SamplingRequest(
    string ServiceName, string ServiceType, string Host, string HttpMethod, string UrlPath, string ResourceArn);

/// <summary>
/// An X-Ray sampling rule, as <c>AWS::XRay::SamplingRule</c>'s <c>SamplingRule</c> property holds it
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-xray-samplingrule-samplingrule.html).
/// The string fields take <c>*</c> (any characters) and <c>?</c> (one character), matched case-insensitively;
/// <see cref="FixedRate"/> is a share from 0 to 1; <see cref="ReservoirSize"/> requests a second are sampled first.
/// <see cref="Attributes"/> must all be present on the request; no request the local stack samples carries any, so a
/// rule with attributes never matches here.
/// </summary>
internal sealed record SamplingRule(
    string RuleName,
    int Priority,
    double FixedRate,
    int ReservoirSize,
    string ServiceName,
    string ServiceType,
    string Host,
    string HttpMethod,
    string UrlPath,
    string ResourceArn,
    IReadOnlyDictionary<string, string>? Attributes = null)
{
    public const string DefaultName = "Default";
    public const string SampleAllName = "SampleAll";

    /// <summary>
    /// X-Ray's default rule: priority 10000, the first request each second and 5% of the rest, matching everything
    /// (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html).
    /// </summary>
    public static SamplingRule Default { get; } = new(DefaultName, 10_000, 0.05, 1, "*", "*", "*", "*", "*", "*");

    public bool Matches(SamplingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Attributes is not { Count: > 0 }
            && Wildcard.Matches(ServiceName, request.ServiceName)
            && Wildcard.Matches(ServiceType, request.ServiceType)
            && Wildcard.Matches(Host, request.Host)
            && Wildcard.Matches(HttpMethod, request.HttpMethod)
            && Wildcard.Matches(UrlPath, request.UrlPath)
            && Wildcard.Matches(ResourceArn, request.ResourceArn);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{RuleName} (priority {Priority}): {ReservoirSize} a second, then {FixedRate:0.###%}; matches {HttpMethod} {UrlPath} on host {Host}, service {ServiceName} ({ServiceType}), resource {ResourceArn}");
}

/// <summary>X-Ray's glob: <c>*</c> is any run of characters, <c>?</c> one character; case-insensitive.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
