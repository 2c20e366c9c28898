using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Producer.Http;

/// <summary>
/// Reads the optional <c>Idempotency-Key</c> request header. API Gateway passes a repeated header's last value in
/// <c>headers</c> and all of them in <c>multiValueHeaders</c>, under the names as the client spelled them; every value
/// under any spelling is looked at, and values that differ make the header invalid (the same value twice is one key).
/// </summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>
    /// False, with the error naming the header, when the header is present but not exactly one valid key; true otherwise,
    /// with <paramref name="key"/> null when the header is absent. Never throws.
    /// </summary>
    public static bool TryRead(ApiGatewayProxyRequest request, out IdempotencyKey? key, out ProblemError? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = null;
        error = null;
        string? value = null;
        var distinct = 0;
        foreach (var candidate in Values(request))
        {
            if (distinct == 0 || !string.Equals(value, candidate, StringComparison.Ordinal))
            {
                value = candidate;
                distinct++;
            }
        }

        if (distinct == 0)
        {
            return true;
        }

        if (distinct > 1)
        {
            error = ProblemError.InHeader(Name, "must be given once (it was given with different values)");
            return false;
        }

        if (!IdempotencyKey.TryParse(value, out var parsed))
        {
            error = ProblemError.InHeader(
                Name,
                $"must be {IdempotencyKey.MinLength}–{IdempotencyKey.MaxLength} visible ASCII characters (! to ~, no spaces)");
            return false;
        }

        key = parsed;
        return true;
    }

    private static IEnumerable<string> Values(ApiGatewayProxyRequest request)
    {
        foreach (var (name, value) in request.Headers ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            if (string.Equals(name, Name, StringComparison.OrdinalIgnoreCase))
            {
                yield return value ?? "";
            }
        }

        foreach (var (name, values) in request.MultiValueHeaders ?? Enumerable.Empty<KeyValuePair<string, IList<string>>>())
        {
            if (string.Equals(name, Name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values ?? [])
                {
                    yield return value ?? "";
                }
            }
        }
    }
}
