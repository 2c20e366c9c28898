using System.Globalization;
using System.Numerics;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// A DynamoDB number in canonical form, for comparing and keying (the stored value keeps the text as sent): the value
/// is <c>±0.<see cref="Digits"/> × 10^<see cref="Exponent"/></c>, with no leading or trailing zeros in
/// <see cref="Digits"/> (empty for zero). DynamoDB allows 38 significant digits and magnitudes from 1E-130 to below 1E126.
/// </summary>
internal readonly record struct DynamoDbNumber(bool Negative, string Digits, int Exponent) : IComparable<DynamoDbNumber>
{
    private const int MaxDigits = 38;
    private const int MinExponent = -129;
    private const int MaxExponent = 126;
    private const int MaxExponentDigits = 6;

    public bool IsZero => Digits.Length == 0;

    /// <summary>The canonical text: equal numbers ("1", "1.0", "10E-1") give the same string.</summary>
    public override string ToString() =>
        IsZero ? "0" : (Negative ? "-0." : "0.") + Digits + "E" + Exponent.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses DynamoDB's number syntax, or throws the ValidationException DynamoDB answers with.</summary>
    public static DynamoDbNumber Parse(string text)
    {
        var position = 0;
        var negative = false;
        if (position < text.Length && text[position] is '-' or '+')
        {
            negative = text[position] == '-';
            position++;
        }

        var digits = new System.Text.StringBuilder();
        var pointSeen = false;
        var digitsBeforePoint = 0;
        var anyDigit = false;
        for (; position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'); position++)
        {
            if (text[position] == '.')
            {
                pointSeen = pointSeen ? throw NotANumber(text) : true;
                continue;
            }

            anyDigit = true;
            digits.Append(text[position]);
            digitsBeforePoint += pointSeen ? 0 : 1;
        }

        var exponent = 0;
        if (position < text.Length && text[position] is 'e' or 'E')
        {
            var exponentText = text.AsSpan(position + 1);
            var unsignedLength = exponentText.Length - (exponentText.Length > 0 && exponentText[0] is '-' or '+' ? 1 : 0);
            if (unsignedLength is < 1 or > MaxExponentDigits
                || !int.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                throw NotANumber(text);
            }

            position = text.Length;
        }

        if (!anyDigit || position != text.Length)
        {
            throw NotANumber(text);
        }

        var all = digits.ToString();
        var leading = all.Length - all.TrimStart('0').Length;
        var significant = all.Trim('0');
        if (significant.Length == 0)
        {
            return new DynamoDbNumber(false, string.Empty, 0);
        }

        var number = new DynamoDbNumber(negative, significant, digitsBeforePoint - leading + exponent);
        return significant.Length > MaxDigits
            ? throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "Attempting to store more than 38 significant digits in a Number"))
            : number.Exponent > MaxExponent
                ? throw new DynamoDbProtocolException(DynamoDbError.Validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range"))
                : number.Exponent < MinExponent
                    ? throw new DynamoDbProtocolException(DynamoDbError.Validation(
                        "Number underflow. Attempting to store a number with magnitude smaller than supported range"))
                    : number;
    }

    /// <summary>
    /// <paramref name="left"/> plus (or minus) <paramref name="right"/>, exactly, as plain decimal text without trailing
    /// zeros ("5", "0.25", "-120"); throws DynamoDB's ValidationException when the result has more than 38 significant
    /// digits or is out of range.
    /// </summary>
    public static string Sum(string left, string right, bool subtract)
    {
        var (leftDigits, leftScale) = Scaled(Parse(left));
        var (rightDigits, rightScale) = Scaled(Parse(right));
        var scale = Math.Min(leftScale, rightScale);
        var sum = leftDigits * BigInteger.Pow(10, leftScale - scale)
            + (subtract ? -rightDigits : rightDigits) * BigInteger.Pow(10, rightScale - scale);
        var text = Plain(sum, scale);
        Parse(text);
        return text;
    }

    /// <summary>The value as an integer times a power of ten: (digits, scale) with value = digits × 10^scale.</summary>
    private static (BigInteger Digits, int Scale) Scaled(DynamoDbNumber number) =>
        number.IsZero
            ? (BigInteger.Zero, 0)
            : (BigInteger.Parse(number.Digits, CultureInfo.InvariantCulture) * (number.Negative ? -1 : 1),
                number.Exponent - number.Digits.Length);

    private static string Plain(BigInteger value, int scale)
    {
        if (value.IsZero)
        {
            return "0";
        }

        var digits = BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture);
        while (scale < 0 && digits.EndsWith('0'))
        {
            digits = digits[..^1];
            scale++;
        }

        var text = scale >= 0
            ? digits + new string('0', scale)
            : digits.Length > -scale
                ? digits[..(digits.Length + scale)] + "." + digits[(digits.Length + scale)..]
                : "0." + new string('0', -scale - digits.Length) + digits;
        return value.Sign < 0 ? "-" + text : text;
    }

    public int CompareTo(DynamoDbNumber other)
    {
        var sign = Sign(this);
        if (sign != Sign(other))
        {
            return sign.CompareTo(Sign(other));
        }

        if (sign == 0)
        {
            return 0;
        }

        var magnitude = Exponent != other.Exponent
            ? Exponent.CompareTo(other.Exponent)
            : string.CompareOrdinal(Digits, other.Digits);
        return sign * magnitude;
    }

    private static int Sign(DynamoDbNumber number) => number.IsZero ? 0 : number.Negative ? -1 : 1;

    private static DynamoDbProtocolException NotANumber(string text) =>
        new(DynamoDbError.Validation($"The parameter cannot be converted to a numeric value: {text}"));
}
