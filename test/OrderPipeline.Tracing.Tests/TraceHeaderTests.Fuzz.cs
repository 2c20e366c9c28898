using CsCheck;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

// Property tests for the header parser: it reads what arrives from API Gateway, the Runtime API and SQS, so it must
// never throw, and what it accepts must survive formatting. CsCheck prints the seed of a failing case.
public sealed partial class TraceHeaderTests
{
    private const int Iterations = 5000;
    private const string Noise = ";= \t\u0000\ud800\udc00😀Root=Parent=Sampled=1-0-?Lineage=|:abcdef0123456789";

    private static readonly Gen<KeyValuePair<string, string>> Lineage = Gen.Select(
        Gen.String[Gen.Char["0123456789abcdef"], 8, 8], Gen.Int[0, 99],
        (hash, count) => new KeyValuePair<string, string>("Lineage", $"{hash}:{count}"));

    private static readonly Gen<TraceHeader> HeaderWithLineage = Gen.Select(
        TraceGen.Header, Lineage.Array[1, 3], Gen.Int[0, 4],
        (header, lineages, at) =>
        {
            var fields = header.OtherFields.ToList();
            fields.InsertRange(Math.Min(at, fields.Count), lineages);
            return new TraceHeader(header.Root, header.Parent, header.Sampled, fields);
        });

    // One edit of a valid header's text: delete a run, insert noise, cut the end, or duplicate a run.
    private static readonly Gen<string> MutatedHeaders = Gen.Select(
        TraceGen.Header, Gen.Int[0, 400], Gen.Int[1, 30], Gen.String[Gen.Char[Noise], 1, 6], Gen.Int[0, 3],
        (header, position, length, insert, kind) =>
        {
            var text = header.ToString();
            var at = position % text.Length;
            var count = Math.Min(length, text.Length - at);
            return kind switch
            {
                0 => text.Remove(at, count),
                1 => text.Insert(at, insert),
                2 => text[..at],
                _ => text.Insert(at, text.Substring(at, count)),
            };
        });

    [Fact]
    public void TryParse_RandomText_NeverThrowsAndWhatItAcceptsRoundTrips() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char[Noise], 0, 200]).Sample(AssertAcceptedHeaderRoundTrips, iter: Iterations);

    [Fact]
    public void TryParse_MutatedValidHeader_NeverThrowsAndWhatItAcceptsRoundTrips() =>
        MutatedHeaders.Sample(AssertAcceptedHeaderRoundTrips, iter: Iterations);

    [Fact]
    public void TryParse_FormattedHeaderWithLineage_GivesTheSameHeaderWithEveryOtherFieldInOrder() =>
        HeaderWithLineage.Sample(
            header => TraceHeader.TryParse(header.ToString(), out var parsed)
                && parsed.Equals(header)
                && parsed.OtherFields.SequenceEqual(header.OtherFields),
            iter: Iterations,
            print: header => header.ToString());

    [Fact]
    public void TryParse_FormattedHeaderWithSpacesAroundFields_GivesTheSameHeader() =>
        Gen.Select(TraceGen.Header, Gen.String[Gen.Char[" \t"], 0, 3]).Sample(
            (header, space) =>
            {
                var spaced = string.Join(';', header.ToString().Split(';').Select(field => Pad(field, space)));
                return TraceHeader.TryParse(spaced, out var parsed) && parsed.Equals(header);
            },
            iter: Iterations);

    [Fact]
    public void TryParse_FormattedGeneratedHeader_GivesTheSameHeader() =>
        TraceGen.Header.Sample(header =>
            TraceHeader.TryParse(header.ToString(), out var parsed) && parsed.Equals(header) && parsed.ToString() == header.ToString());

    [Fact]
    public void TryParse_ArbitraryText_NeverThrows()
    {
        Gen.String.Sample(text => TraceHeader.TryParse(text, out _) || true);
        TraceGen.HeaderLikeText.Sample(text => !TraceHeader.TryParse(text, out var header) || TraceHeader.TryParse(header.ToString(), out _));
    }

    // Whitespace around the field and around its first '=' (a value may itself hold '=').
    private static string Pad(string field, string space)
    {
        var equals = field.IndexOf('=', StringComparison.Ordinal);
        return space + field[..equals] + space + "=" + space + field[(equals + 1)..] + space;
    }

    private static void AssertAcceptedHeaderRoundTrips(string text)
    {
        if (TraceHeader.TryParse(text, out var header))
        {
            Assert.True(TraceHeader.TryParse(header.ToString(), out var again), header.ToString());
            Assert.Equal(header, again);
            Assert.Equal(header.ToString(), again.ToString());
        }
    }
}
