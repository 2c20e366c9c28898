namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// The spread of a set of measurements. <see cref="Median"/> is the middle value, or the mean of the two middle values
/// when the count is even; <see cref="P90"/> and <see cref="P99"/> are nearest-rank percentiles: the smallest value
/// with at least that share of the values at or below it (sorted index ⌈p·n⌉ − 1).
/// </summary>
internal sealed record SampleSummary(int Count, double Min, double Median, double P90, double P99, double Max, double Mean)
{
    /// <exception cref="ArgumentException">There are no values, or one is not a finite number.</exception>
    public static SampleSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A summary needs at least one value.", nameof(values));
        }

        if (sorted.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException("Every value must be a finite number.", nameof(values));
        }

        Array.Sort(sorted);
        return new SampleSummary(
            sorted.Length,
            sorted[0],
            MiddleOf(sorted),
            NearestRank(sorted, 0.90),
            NearestRank(sorted, 0.99),
            sorted[^1],
            sorted.Average());
    }

    /// <summary>The nearest-rank percentile <paramref name="share"/> (0 &lt; share ≤ 1) of ascending values.</summary>
    public static double NearestRank(IReadOnlyList<double> ascending, double share)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var rank = (int)Math.Ceiling(Math.Round(share * ascending.Count, 9));
        return ascending[Math.Clamp(rank, 1, ascending.Count) - 1];
    }

    private static double MiddleOf(double[] ascending)
    {
        var middle = ascending.Length / 2;
        return ascending.Length % 2 == 1 ? ascending[middle] : (ascending[middle - 1] + ascending[middle]) / 2;
    }
}
