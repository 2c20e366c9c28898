using BenchmarkDotNet.Attributes;
using OrderPipeline.Contracts;

namespace OrderPipeline.Benchmarks.Contracts;

/// <summary>The producer's contract work per order: read and validate the request body, write the queue message.</summary>
[MemoryDiagnoser]
public class OrderContractBenchmarks
{
    // The body of events/api-post-order.json, decoded.
    private static readonly byte[] SampleBody =
        """{"customerId":"cust-42","currency":"EUR","items":[{"sku":"BOOK-123","quantity":2,"unitPrice":19.99},{"sku":"PEN-7","quantity":1,"unitPrice":3.5}]}"""u8
            .ToArray();

    private OrderMessage? _message;

    [GlobalSetup]
    public void Setup()
    {
        var order = ParseRequest() ?? throw new InvalidOperationException("The sample order body no longer validates.");
        _message = new OrderMessage(
            new OrderId(Guid.Parse("019ac0e5-3d1b-7c52-9a6e-1b2f3c4d5e6f")),
            new DateTimeOffset(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero),
            order);
    }

    [Benchmark]
    public OrderRequest? ParseRequest() => OrderRequest.TryParse(SampleBody, out var order, out _) ? order : null;

    [Benchmark]
    public string MessageToJson() => _message!.ToJson();
}
