namespace OrderPipeline.Lambda.Logging;

/// <summary>Finds the <c>Root=</c> value (the X-Ray trace id) in a <c>Lambda-Runtime-Trace-Id</c> header.</summary>
internal static class TraceRoot
{
    private const string RootKey = "Root";

    /// <summary>The trace id, or an empty span when the header is absent or has no Root. Never throws.</summary>
    public static ReadOnlySpan<char> Find(string? traceHeader)
    {
        foreach (var range in traceHeader.AsSpan().Split(';'))
        {
            var part = traceHeader.AsSpan()[range].Trim();
            var equals = part.IndexOf('=');
            if (equals > 0 && part[..equals].Trim().Equals(RootKey, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim();
            }
        }

        return [];
    }
}
