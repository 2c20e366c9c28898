using System.Net.Http.Headers;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// The trial's HTTP client: POSTs an order with its Idempotency-Key, sends it again with the same key after a 5xx, no
/// answer or a 409 (the key still in progress) up to the attempt limit, and, when asked, sends it a second time while
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

    /// <param name="order">The order.</param>
    /// <param name="resendAfter">When set, the order is sent a second time this long after the first send.</param>
    /// <param name="reuseKey">When true, another order is sent under the same key once the order's answers are in.</param>
    /// <param name="cancellationToken">Abandons the submission.</param>
    public async Task<TrialSubmission> SubmitAsync(TrialOrder order, TimeSpan? resendAfter, bool reuseKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var answers = new List<TrialAnswer>();
        var first = SendWithRetriesAsync(order, order.Body, answers, cancellationToken);
        var resent = 0;
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
            return new TrialSubmission(order, [.. answers], resendAfter is not null, resent, reuseAnswers);
        }
    }

    /// <summary>Returns how many times the body was resent after a 5xx, no answer or a 409.</summary>
    private async Task<int> SendWithRetriesAsync(
        TrialOrder order, byte[] body, List<TrialAnswer> answers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendOnceAsync(order, body, cancellationToken).ConfigureAwait(false);
            lock (answers)
            {
                answers.Add(answer);
            }

            if (!answer.IsRetryable || attempt == attempts)
            {
                return attempt - 1;
            }

            await Task.Delay(FailureBackoff * attempt, cancellationToken).ConfigureAwait(false);
        }
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
    public bool ReusedKey => ReuseAnswers.Count > 0;

    /// <summary>The first order was answered 202 at least once: its key is taken, and another order under it must get 422.</summary>
    public bool FirstOrderAccepted => Answers.Any(answer => answer.Accepted);

    /// <summary>
    /// An order under the key was answered 202: the first, or, when every answer to the first said it was certainly not
    /// accepted (its key then forgotten), the other order sent under the same key, which is then a new order.
    /// </summary>
    public bool Accepted => FirstOrderAccepted || ReuseAnswers.Any(answer => answer.Accepted);

    /// <summary>
    /// Every answer said "certainly not accepted": 500 (not retryable) or 503 (retry later). A 504 (outcome unknown),
    /// a 502 from API Gateway, or no answer at all leave the order's fate open.
    /// </summary>
    public bool OnlyRefusals => Answers.Count > 0 && Answers.All(answer => answer.Status is 500 or 503);

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

    /// <summary>What a client sends again with the same key: a 5xx, no answer, or a 409 (the key's first request is still in progress).</summary>
    public bool IsRetryable => IsServerFailure || Status == 409;
}
