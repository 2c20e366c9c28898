namespace OrderPipeline.Producer.Http;

/// <summary>Decides whether a <c>Content-Type</c> announces JSON.</summary>
internal static class JsonMediaType
{
    /// <summary>
    /// True for <c>application/json</c>, any <c>application/*+json</c>, with or without parameters such as
    /// <c>charset=utf-8</c>, in any letter case; also true when the header is absent, since many clients send JSON
    /// without one.
    /// </summary>
    public static bool IsAcceptable(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var mediaType = contentType.AsSpan();
        var parameters = mediaType.IndexOf(';');
        if (parameters >= 0)
        {
            mediaType = mediaType[..parameters];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
