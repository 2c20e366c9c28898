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
