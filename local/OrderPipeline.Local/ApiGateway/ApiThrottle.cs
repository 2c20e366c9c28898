using System.Collections.Concurrent;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The stage's throttling, as API Gateway applies its <c>MethodSettings</c>: each method of the stage has a token bucket
/// of the burst limit's size that refills at the rate limit, full at the start; a request takes a token or is answered
/// 429. A setting for one resource or method wins over the stage-wide one (<c>/*</c>, <c>*</c>), limit by limit; a method
/// that no setting throttles is not throttled (API Gateway would still apply the account's 10,000 requests a second).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
/// </summary>
internal sealed class ApiThrottle(TimeProvider time)
{
    private readonly ConcurrentDictionary<ApiRoute, TokenBucket?> _buckets = new();

    /// <summary>True when the route's method may take the request now; false for a 429.</summary>
    public bool TryAdmit(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return _buckets.GetOrAdd(route, Create)?.TryTake() ?? true;
    }

    /// <summary>The rate (requests a second) and burst that throttle <paramref name="route"/>; null when none does.</summary>
    public static (double Rate, int Burst)? LimitsOf(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var covering = (route.Api.MethodSettings ?? [])
            .Where(setting => setting.Covers(route.ResourcePath, route.Method))
            .OrderByDescending(setting => setting.IsSpecific)
            .ToList();
        var rate = covering.Select(setting => setting.ThrottlingRateLimit).FirstOrDefault(limit => limit is not null);
        var burst = covering.Select(setting => setting.ThrottlingBurstLimit).FirstOrDefault(limit => limit is not null);
        return rate is null && burst is null ? null : (rate ?? 0, burst ?? 0);
    }

    private TokenBucket? Create(ApiRoute route) =>
        LimitsOf(route) is var (rate, burst) ? new TokenBucket(rate, burst, time) : null;
}

/// <summary>
/// A token bucket: <paramref name="capacity"/> tokens at most, refilled continuously at <paramref name="ratePerSecond"/>
/// by the clock, full when created. Thread-safe.
/// </summary>
internal sealed class TokenBucket(double ratePerSecond, int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private DateTimeOffset _filledAt = time.GetUtcNow();

    /// <summary>Takes one token when there is one.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now > _filledAt)
            {
                _tokens = Math.Min(capacity, _tokens + (now - _filledAt).TotalSeconds * ratePerSecond);
                _filledAt = now;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
