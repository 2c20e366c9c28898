namespace OrderPipeline.Contracts;

/// <summary>
/// The limits of the order contract. The parsers enforce them; the producer and clients read the same numbers here.
/// Lengths count characters, which are all ASCII.
/// </summary>
public static class OrderRules
{
    /// <summary>Largest accepted request body, in bytes (64 KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int CustomerIdMinLength = 1;
    public const int CustomerIdMaxLength = 64;

    /// <summary>Length of a currency code: one of the active ISO 4217 codes, three capital letters.</summary>
    public const int CurrencyLength = 3;

    public const int MinItems = 1;
    public const int MaxItems = 50;

    public const int SkuMinLength = 1;
    public const int SkuMaxLength = 32;

    public const int MinQuantity = 1;
    public const int MaxQuantity = 999;

    public const decimal MinUnitPrice = 0m;
    public const decimal MaxUnitPrice = 1_000_000m;

    /// <summary>Significant decimal places of a unit price: 19.990 is accepted, 19.999 is not.</summary>
    public const int UnitPriceMaxDecimalPlaces = 2;
}
