using System.Globalization;

namespace OrderPipeline.Contracts.Validation;

/// <summary>
/// The details of validation errors: each names the rule it enforces, built from <see cref="OrderRules"/> so that the
/// text and the check cannot drift apart. They follow the pointer: "/items/0/quantity must be an integer from 1 to 999".
/// </summary>
internal static class ValidationMessages
{
    public const string Required = "is required";
    public const string Repeated = "must appear only once in its object";
    public const string BodyEmpty = "must not be empty";
    public const string MustBeObject = "must be a JSON object";

    public static readonly string BodyTooLarge = Invariant($"must be at most {OrderRules.MaxBodyBytes} bytes");

    public static readonly string CustomerId = Invariant(
        $"must be a string of {OrderRules.CustomerIdMinLength} to {OrderRules.CustomerIdMaxLength} characters from A-Z, a-z, 0-9, '_' and '-'");

    public const string Currency = "must be an active ISO 4217 currency code in capitals, such as EUR or USD";

    public static readonly string Items = Invariant(
        $"must be an array of {OrderRules.MinItems} to {OrderRules.MaxItems} items");

    public static readonly string Sku = Invariant(
        $"must be a string of {OrderRules.SkuMinLength} to {OrderRules.SkuMaxLength} characters from A-Z, 0-9 and '-'");

    public static readonly string Quantity = Invariant(
        $"must be an integer from {OrderRules.MinQuantity} to {OrderRules.MaxQuantity}");

    public static readonly string UnitPrice = Invariant(
        $"must be a number from {OrderRules.MinUnitPrice} to {OrderRules.MaxUnitPrice} with at most {OrderRules.UnitPriceMaxDecimalPlaces} decimal places");

    public static readonly string Version = Invariant($"must be an integer message version; supported: {OrderMessage.CurrentVersion}");

    public const string OrderId = "must be a UUID in lowercase hexadecimal 8-4-4-4-12 form, not the nil UUID";

    public const string AcceptedAt = "must be a UTC timestamp with milliseconds, like 2026-11-26T05:13:57.123Z";

    public static string BodyNotUtf8(long byteNumber) => Invariant($"must be UTF-8 text (invalid sequence at byte {byteNumber})");

    public static string BodyNotJson(long line, long byteInLine) =>
        Invariant($"is not valid JSON (line {line}, byte {byteInLine})");

    public static string VersionNotSupported(int version) =>
        Invariant($"version {version} is not supported; supported: {OrderMessage.CurrentVersion}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
