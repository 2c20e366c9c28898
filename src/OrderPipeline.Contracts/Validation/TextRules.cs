using System.Buffers;

namespace OrderPipeline.Contracts.Validation;

/// <summary>
/// The character classes of the contract's strings: ASCII only, so look-alikes such as the full-width "Ｅ" fail.
/// </summary>
internal static class TextRules
{
    private static readonly SearchValues<char> CustomerIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static readonly SearchValues<char> SkuCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    public static bool IsCustomerId(string value) =>
        IsWithin(value, OrderRules.CustomerIdMinLength, OrderRules.CustomerIdMaxLength, CustomerIdCharacters);

    /// <summary>An active ISO 4217 currency code (<see cref="CurrencyCodes"/>), in capitals.</summary>
    public static bool IsCurrency(string value) => CurrencyCodes.Contains(value);

    public static bool IsSku(string value) =>
        IsWithin(value, OrderRules.SkuMinLength, OrderRules.SkuMaxLength, SkuCharacters);

    private static bool IsWithin(string value, int minLength, int maxLength, SearchValues<char> allowed) =>
        value.Length >= minLength && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(allowed);
}
