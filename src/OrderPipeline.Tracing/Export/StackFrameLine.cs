using System.Globalization;

namespace OrderPipeline.Tracing.Export;

/// <summary>One line of a .NET stack trace: <c>at Type.Method(args) in /path/File.cs:line 42</c>.</summary>
internal readonly record struct StackFrameLine(string Label, string? Path, int? Line)
{
    private const string AtPrefix = "at ";
    private const string InSeparator = " in ";
    private const string LineSeparator = ":line ";

    /// <summary>The frames of an <c>exception.stacktrace</c> tag, skipping lines that are not frames.</summary>
    public static List<StackFrameLine> ParseAll(string? stackTrace)
    {
        var frames = new List<StackFrameLine>();
        foreach (var range in stackTrace.AsSpan().Split('\n'))
        {
            var line = stackTrace.AsSpan()[range].Trim();
            if (line.StartsWith(AtPrefix, StringComparison.Ordinal))
            {
                frames.Add(Parse(line[AtPrefix.Length..]));
            }
        }

        return frames;
    }

    private static StackFrameLine Parse(ReadOnlySpan<char> frame)
    {
        var inAt = frame.LastIndexOf(InSeparator, StringComparison.Ordinal);
        if (inAt < 0)
        {
            return new(frame.ToString(), null, null);
        }

        var location = frame[(inAt + InSeparator.Length)..];
        var lineAt = location.LastIndexOf(LineSeparator, StringComparison.Ordinal);
        if (lineAt >= 0 && int.TryParse(location[(lineAt + LineSeparator.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            return new(frame[..inAt].ToString(), location[..lineAt].ToString(), line);
        }

        return new(frame[..inAt].ToString(), location.ToString(), null);
    }
}
