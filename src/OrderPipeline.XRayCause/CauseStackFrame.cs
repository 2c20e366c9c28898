using System.Globalization;

namespace OrderPipeline.XRayCause;

/// <summary>
/// One frame of an exception's stack in an X-Ray <c>cause</c>: <c>label</c> (the method), <c>path</c> (the source
/// file, when the build kept symbols) and <c>line</c>. Read from one line of a .NET stack trace,
/// <c>at Type.Method(args) in /path/File.cs:line 42</c>; a Native AOT build without symbols gives only the label
/// (<c>at Type.Method() + 0x2a</c>).
/// </summary>
public readonly record struct CauseStackFrame(string Label, string? Path, int? Line)
{
    private const string AtPrefix = "at ";
    private const string InSeparator = " in ";
    private const string LineSeparator = ":line ";

    /// <summary>Reads a line of a stack trace; false (never an exception) when the line is not a frame.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out CauseStackFrame frame)
    {
        line = line.Trim();
        if (!line.StartsWith(AtPrefix, StringComparison.Ordinal))
        {
            frame = default;
            return false;
        }

        frame = Parse(line[AtPrefix.Length..]);
        return true;
    }

    private static CauseStackFrame Parse(ReadOnlySpan<char> frame)
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
