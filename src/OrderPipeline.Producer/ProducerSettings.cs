namespace OrderPipeline.Producer;

/// <summary>The producer's configuration, read once at start-up.</summary>
/// <param name="QueueUrl">The orders queue, from <c>ORDERS_QUEUE_URL</c>.</param>
internal sealed record ProducerSettings(Uri QueueUrl)
{
    internal const string QueueUrlVariable = "ORDERS_QUEUE_URL";

    /// <summary>Reads the settings; throws naming the variable when one is missing or malformed.</summary>
    public static ProducerSettings From(Func<string, string?> getEnvironmentVariable)
    {
        var queueUrl = getEnvironmentVariable(QueueUrlVariable);
        if (string.IsNullOrWhiteSpace(queueUrl))
        {
            throw new InvalidOperationException($"{QueueUrlVariable} is not set: it must hold the URL of the orders queue.");
        }

        if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{QueueUrlVariable} is not an absolute http(s) URL: '{queueUrl}'.");
        }

        return new ProducerSettings(uri);
    }
}
