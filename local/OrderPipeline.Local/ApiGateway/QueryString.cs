namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Reads a raw query string (<c>a=1&amp;b=x%20y&amp;a=2</c>) as API Gateway does for a REST API: parameters in order,
/// repeats kept, names and values percent-decoded (<c>+</c> stays <c>+</c>), a name without <c>=</c> has the empty
/// value, parts with an empty name are dropped.
/// </summary>
internal static class QueryString
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<char> query)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            if (name.IsEmpty)
            {
                continue;
            }

            var value = equals < 0 ? [] : part[(equals + 1)..];
            parameters.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return parameters;
    }

    /// <summary>Names in first-seen order, each with every value in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>> Group(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. parameters
            .GroupBy(parameter => parameter.Key, StringComparer.Ordinal)
            .Select(group => new KeyValuePair<string, string[]>(group.Key, [.. group.Select(parameter => parameter.Value)]))];
    }
}
