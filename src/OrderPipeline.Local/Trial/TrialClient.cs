using System.Net.Http.Headers;

namespace OrderPipeline.Local.Trial;

/// <summary>
/// The trial's HTTP client: POSTs an order with its Idempotency-Key, sends it again with the same key after a 5xx (or
/// no answer) up to the attempt limit, and, when asked, sends it a second time while the first is still in flight, as a
/// client does after its own time-out. Every answer is kept.
/// </summary>
internal sealed class TrialClient(HttpClient http, Uri url, int attempts)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The pause before a resend after a 5xx: short, as the run is local (the producer's Retry-After is 5 s).</summary>
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(100);

    /// <param name="order">The order.</param>
    /// <param name="resendAfter">When set, the order is sent a second time this long after the first send.</param>
    /// <param name="cancellationToken">Abandons the submission.</param>
    public async Task<TrialSubmission> SubmitAsync(TrialOrder order, TimeSpan? resendAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var answers = new List<TrialAnswer>();
        var first = SendWithRetriesAsync(order, answers, cancellationToken);
        var resent = 0;
        if (resendAfter is { } delay)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            resent += await SendWithRetriesAsync(order, answers, cancellationToken).ConfigureAwait(false);
        }

        resent += await first.ConfigureAwait(false);
        lock (answers)
        {
            return new TrialSubmission(order, [.. answers], resendAfter is not null, resent);
        }
    }

    /// <summary>Returns how many times the order was resent after a 5xx.</summary>
    private async Task<int> SendWithRetriesAsync(TrialOrder order, List<TrialAnswer> answers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendOnceAsync(order, cancellationToken).ConfigureAwait(false);
            lock (answers)
            {
                answers.Add(answer);
            }

            if (!answer.IsServerFailure || attempt == attempts)
            {
                return attempt - 1;
            }

            await Task.Delay(FailureBackoff * attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TrialAnswer> SendOnceAsync(TrialOrder order, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(order.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(IdempotencyKeyHeader, order.IdempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new TrialAnswer(status, status == 202 ? OrderIdReader.FromBody(body) : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TrialAnswer(0, null);
        }
    }
}
