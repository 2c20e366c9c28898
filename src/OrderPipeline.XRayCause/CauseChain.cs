namespace OrderPipeline.XRayCause;

/// <summary>
/// Reads an exception and the exceptions inside it as the list an X-Ray <c>cause</c> holds, outermost first: the
/// thrown exception, then its inner exception, and so on. In the document each entry names the next one as its
/// <c>cause</c> (X-Ray: "the exception that caused this exception").
/// </summary>
public static class CauseChain
{
    /// <summary>Exceptions kept from one chain; deeper inner exceptions are left out.</summary>
    public const int MaxExceptions = 10;

    private const string InnerPrefix = "---> ";
    private const string InnerNumberPrefix = "(Inner Exception #";
    private const string InnerEnd = "--- End of inner exception stack trace ---";
    private const string AggregateInnerEnd = "<---";
    private const string TypeSeparator = ": ";

    /// <summary>
    /// <paramref name="exception"/> and its <see cref="Exception.InnerException"/> chain, each with its type's name (as
    /// Lambda's <c>errorType</c>), its message and at most <paramref name="maxFrames"/> frames of its own stack.
    /// </summary>
    public static IReadOnlyList<CauseEntry> FromException(Exception exception, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = new List<CauseEntry>();
        for (var current = exception; current is not null && chain.Count < MaxExceptions; current = current.InnerException)
        {
            var frames = new FrameList(maxFrames);
            foreach (var line in (current.StackTrace ?? string.Empty).AsSpan().EnumerateLines())
            {
                if (CauseStackFrame.TryParse(line, out var frame))
                {
                    frames.Add(frame);
                }
            }

            chain.Add(new CauseEntry(current.GetType().Name, current.Message, frames.Frames, frames.Truncated));
        }

        return chain;
    }

    /// <summary>
    /// The chain written in <paramref name="exceptionText"/>, the text of <see cref="Exception.ToString"/> (what
    /// <c>Activity.AddException</c> records as <c>exception.stacktrace</c>): the outer exception is
    /// <paramref name="type"/> with <paramref name="message"/>; each <c>---&gt; Type: message</c> line starts an inner
    /// one, whose frames come before its <c>--- End of inner exception stack trace ---</c> line. Never throws: text that
    /// is not in this shape gives the outer exception with whatever frames it holds.
    /// </summary>
    public static IReadOnlyList<CauseEntry> FromText(string? type, string? message, string? exceptionText, int maxFrames)
    {
        var entries = new List<(string Type, string? Message, FrameList Frames)> { (type ?? string.Empty, message, new FrameList(maxFrames)) };
        var open = new Stack<int>();
        foreach (var rawLine in (exceptionText ?? string.Empty).AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.StartsWith(InnerPrefix, StringComparison.Ordinal))
            {
                var added = entries.Count < MaxExceptions;
                if (added)
                {
                    var (innerType, innerMessage) = TypeAndMessage(line[InnerPrefix.Length..]);
                    entries.Add((innerType, innerMessage, new FrameList(maxFrames)));
                }

                // An inner exception past the bound still opens a level, so that its frames are not given to another.
                open.Push(added ? entries.Count - 1 : -1);
            }
            else if (line.SequenceEqual(InnerEnd) || line.SequenceEqual(AggregateInnerEnd))
            {
                open.TryPop(out _);
            }
            else if (CauseStackFrame.TryParse(line, out var frame) && Current(open) is var index and >= 0)
            {
                entries[index].Frames.Add(frame);
            }
        }

        return [.. entries.Select(entry => new CauseEntry(entry.Type, entry.Message, entry.Frames.Frames, entry.Frames.Truncated))];
    }

    private static int Current(Stack<int> open) => open.TryPeek(out var index) ? index : 0;

    private static (string Type, string? Message) TypeAndMessage(ReadOnlySpan<char> header)
    {
        if (header.StartsWith(InnerNumberPrefix, StringComparison.Ordinal) && header.IndexOf(')') is var close and >= 0)
        {
            header = header[(close + 1)..].TrimStart();
        }

        var separator = header.IndexOf(TypeSeparator, StringComparison.Ordinal);
        return separator < 0
            ? (header.ToString(), null)
            : (header[..separator].ToString(), header[(separator + TypeSeparator.Length)..].ToString());
    }

    /// <summary>The first frames of a stack, and the count of those past the bound.</summary>
    private sealed class FrameList(int maxFrames)
    {
        private readonly List<CauseStackFrame> _frames = [];

        public IReadOnlyList<CauseStackFrame> Frames => _frames;

        public int Truncated { get; private set; }

        public void Add(CauseStackFrame frame)
        {
            if (_frames.Count < maxFrames)
            {
                _frames.Add(frame);
            }
            else
            {
                Truncated++;
            }
        }
    }
}

/// <summary>
/// One entry of an X-Ray <c>cause.exceptions</c>: an exception's type, its message and the first frames of its stack,
/// with the number of frames left out in <see cref="Truncated"/> (written as <c>truncated</c>).
/// </summary>
public sealed record CauseEntry(string Type, string? Message, IReadOnlyList<CauseStackFrame> Stack, int Truncated);
