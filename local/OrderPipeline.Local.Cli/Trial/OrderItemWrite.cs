namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A PutItem that changed <paramref name="TableName"/>: the <c>orderId</c> of the new item, and whether it replaced an
/// item that was there (an overwrite) rather than creating one.
/// </summary>
internal sealed record OrderItemWrite(string TableName, string? OrderId, bool Overwrote);
