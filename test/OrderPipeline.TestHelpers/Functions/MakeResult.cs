namespace OrderPipeline.TestHelpers.Functions;

/// <summary>How a run of <c>make</c> ended, with everything it printed.</summary>
public sealed record MakeResult(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    /// <summary>Standard output, then standard error, one line each.</summary>
    public string Output => string.Join(Environment.NewLine, StandardOutput.Concat(StandardError));
}
