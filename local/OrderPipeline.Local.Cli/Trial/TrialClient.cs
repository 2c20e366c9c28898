using System.Net.Http.Headers;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// The trial's HTTP client: POSTs an order with its Idempotency-Key, sends it again with the same key after a 5xx, no
/// answer or a 409 (the key still in progress) up to the attempt limit, after a 429 (the stage's throttling) with
/// exponential back-off and full jitter, as AWS advises ("the client can resubmit the failed requests in a way that is
/// rate limiting", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html),
/// up to <see cref="ThrottledAttempts"/> attempts of its own, and, when asked, sends it a second time while
/// the first is still in flight, as a client does after its own time-out, and, after both, another order under the
/// same key, as a buggy client would. Every answer is kept.
/// </summary>
internal sealed class TrialClient(HttpClient http, Uri url, int attempts)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// The pause before a resend after a 5xx or a 409: short, as the run is local (the producer's Retry-After is 5 s
    /// after a 503, and the time left of the first request's invocation after a 409).
    /// </summary>
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts after 429s before the client gives up on an order (a 429 is certainly not accepted).</summary>
    public const int ThrottledAttempts = 10;

    /// <summary>The first back-off after a 429; each one after doubles it, up to <see cref="MaxThrottleBackoff"/>.</summary>
    private static readonly TimeSpan ThrottleBackoff = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan MaxThrottleBackoff = TimeSpan.FromSeconds(5);

    /// <param name="order">The order.</param>
    /// <param name="resendAfter">When set, the order is sent a second time this long after the first send.</param>
    /// <param name="reuseKey">When true, another order is sent under the same key once the order's answers are in.</param>
    /// <param name="cancellationToken">Abandons the submission.</param>
    public async Task<TrialSubmission> SubmitAsync(TrialOrder order, TimeSpan? resendAfter, bool reuseKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var answers = new List<TrialAnswer>();
        var first = SendWithRetriesAsync(order, order.Body, answers, cancellationToken);
        var resent = new Resends();
        if (resendAfter is { } delay)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            resent += await SendWithRetriesAsync(order, order.Body, answers, cancellationToken).ConfigureAwait(false);
        }

        resent += await first.ConfigureAwait(false);
        var reuseAnswers = new List<TrialAnswer>();
        if (reuseKey)
        {
            resent += await SendWithRetriesAsync(order, order.OtherBody, reuseAnswers, cancellationToken).ConfigureAwait(false);
        }

        lock (answers)
        {
            return new TrialSubmission(order, [.. answers], resendAfter is not null, resent.AfterFailure, reuseAnswers)
            {
                ResentAfterThrottle = resent.AfterThrottle,
            };
        }
    }

    /// <summary>The back-off before the attempt after the <paramref name="throttles"/>th 429: full jitter over a doubling cap.</summary>
    public static TimeSpan ThrottleDelay(int throttles, double jitter)
    {
        var cap = Math.Min(MaxThrottleBackoff.TotalMilliseconds, ThrottleBackoff.TotalMilliseconds * Math.Pow(2, throttles - 1));
        return TimeSpan.FromMilliseconds(cap * jitter);
    }

    /// <summary>Returns how many times the body was resent after a 5xx, no answer or a 409, and after a 429.</summary>
    private async Task<Resends> SendWithRetriesAsync(
        TrialOrder order, byte[] body, List<TrialAnswer> answers, CancellationToken cancellationToken)
    {
        var failures = 0;
        var throttles = 0;
        while (true)
        {
            var answer = await SendOnceAsync(order, body, cancellationToken).ConfigureAwait(false);
            lock (answers)
            {
                answers.Add(answer);
            }

            if (answer.Throttled && throttles + 1 < ThrottledAttempts)
            {
                throttles++;
#pragma warning disable CA5394 // Jitter spreads the clients' retries; it protects nothing.
                await Task.Delay(ThrottleDelay(throttles, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
#pragma warning restore CA5394
                continue;
            }

            if (!answer.IsRetryable || failures + 1 == attempts)
            {
                return new Resends(failures, throttles);
            }

            failures++;
            await Task.Delay(FailureBackoff * failures, cancellationToken).ConfigureAwait(false);
        }
    }

    private readonly record struct Resends(int AfterFailure, int AfterThrottle)
    {
        public static Resends operator +(Resends left, Resends right) =>
            new(left.AfterFailure + right.AfterFailure, left.AfterThrottle + right.AfterThrottle);
    }

    private async Task<TrialAnswer> SendOnceAsync(TrialOrder order, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(IdempotencyKeyHeader, order.IdempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true", StringComparer.Ordinal);
            return new TrialAnswer(status, status == 202 ? OrderIdReader.FromBody(answer) : null, replayed);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TrialAnswer(0, null);
        }
    }
}

/// <summary>
/// Everything the client did for one order: every answer, in the order they came, whether it resent the order as
/// after a time-out, how many times it resent it after a 5xx or a 409, and the answers to the other order it sent with
/// the same key afterwards (empty when it did not reuse the key).
/// </summary>
internal sealed record TrialSubmission(
    TrialOrder Order,
    IReadOnlyList<TrialAnswer> Answers,
    bool ResentAsAfterTimeout,
    int ResentAfterFailure,
    IReadOnlyList<TrialAnswer> ReuseAnswers)
{
    /// <summary>How many times the client sent the order again after a 429 from API Gateway.</summary>
    public int ResentAfterThrottle { get; init; }

    public bool ReusedKey => ReuseAnswers.Count > 0;

    /// <summary>The first order was answered 202 at least once: its key is taken, and another order under it must get 422.</summary>
    public bool FirstOrderAccepted => Answers.Any(answer => answer.Accepted);

    /// <summary>
    /// An order under the key was answered 202: the first, or, when every answer to the first said it was certainly not
    /// accepted (its key then forgotten), the other order sent under the same key, which is then a new order.
    /// </summary>
    public bool Accepted => FirstOrderAccepted || ReuseAnswers.Any(answer => answer.Accepted);

    /// <summary>
    /// Every answer said "certainly not accepted": 500 (not retryable, or Lambda throttled the producer), 503 (retry
    /// later) or 429 (API Gateway's throttling, before the function). A 504 (outcome unknown), a 502 from API Gateway,
    /// or no answer at all leave the order's fate open.
    /// </summary>
    public bool OnlyRefusals => Answers.Count > 0 && Answers.All(answer => answer.Status is 500 or 503 or 429);

    /// <summary>The order id the 202 answers named (the first of them), or null when none was 202.</summary>
    public string? AcceptedOrderId => Answers.Concat(ReuseAnswers).FirstOrDefault(answer => answer.Accepted)?.OrderId;
}

/// <summary>
/// One answer the client got: the HTTP status (0 when no answer came: a connection error or a client time-out), for a
/// 202 the <c>orderId</c> of its body, and whether the producer said it replayed an earlier answer for the key
/// (<c>Idempotent-Replayed: true</c>).
/// </summary>
internal sealed record TrialAnswer(int Status, string? OrderId, bool Replayed = false)
{
    public bool Accepted => Status == 202;

    /// <summary>A 5xx, or no answer at all: the client cannot know whether the order was taken.</summary>
    public bool IsServerFailure => Status is 0 or >= 500;

    /// <summary>API Gateway's stage throttled the request: the function never saw it.</summary>
    public bool Throttled => Status == 429;

    /// <summary>What a client sends again with the same key: a 5xx, no answer, or a 409 (the key's first request is still in progress).</summary>
    public bool IsRetryable => IsServerFailure || Status == 409;
}
