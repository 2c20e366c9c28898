namespace OrderPipeline.Contracts.Validation;

/// <summary>
/// The currencies an order may be priced in: the active alphabetic codes of ISO 4217 that are money. The currency is a
/// CloudWatch metric dimension (one billed custom metric per value), so the set must be closed, not any three letters.
/// </summary>
/// <remarks>
/// Source: ISO 4217 Table A.1, "list one", as published by SIX Financial Information (the ISO 4217 maintenance agency)
/// on 2025-05-12 (https://www.six-group.com/en/products-services/financial-information/data-standards.html), read on
/// 2026-12-02. Taken out of it: the funds codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), the X codes that are not
/// a currency of any country (precious metals XAG XAU XPD XPT, bond-market units XBA XBB XBC XBD, XDR, XSU, XUA, XAD,
/// the testing code XTS and "no currency" XXX), and BGN: Bulgaria adopted the euro on 2026-01-01 and the lev ceased to
/// be legal tender on 2026-02-01. The regional currencies XAF, XCD, XCG, XOF and XPF stay. When the maintenance agency
/// publishes an amendment, change the list and its date here.
/// </remarks>
internal static class CurrencyCodes
{
    /// <summary>Every code, three letters each, in ordinal order: a binary search needs no start-up work.</summary>
    private const string Sorted =
        "AEDAFNALLAMDAOAARSAUDAWGAZNBAMBBDBDTBHDBIFBMDBNDBOBBRLBSDBTNBWPBYNBZDCADCDFCHFCLPCNYCOPCRCCUPCVECZK" +
        "DJFDKKDOPDZDEGPERNETBEURFJDFKPGBPGELGHSGIPGMDGNFGTQGYDHKDHNLHTGHUFIDRILSINRIQDIRRISKJMDJODJPYKESKGS" +
        "KHRKMFKPWKRWKWDKYDKZTLAKLBPLKRLRDLSLLYDMADMDLMGAMKDMMKMNTMOPMRUMURMVRMWKMXNMYRMZNNADNGNNIONOKNPRNZD" +
        "OMRPABPENPGKPHPPKRPLNPYGQARRONRSDRUBRWFSARSBDSCRSDGSEKSGDSHPSLESOSSRDSSPSTNSVCSYPSZLTHBTJSTMTTNDTOP" +
        "TRYTTDTWDTZSUAHUGXUSDUYUUZSVEDVESVNDVUVWSTXAFXCDXCGXOFXPFYERZARZMWZWG";

    /// <summary>How many codes the list holds.</summary>
    public static int Count => Sorted.Length / OrderRules.CurrencyLength;

    /// <summary>The codes in ordinal order (for tests and documentation; allocates).</summary>
    public static IEnumerable<string> All()
    {
        for (var i = 0; i < Sorted.Length; i += OrderRules.CurrencyLength)
        {
            yield return Sorted.Substring(i, OrderRules.CurrencyLength);
        }
    }

    /// <summary>True when <paramref name="code"/> is one of the codes, compared ordinally (so "eur" is not).</summary>
    public static bool Contains(ReadOnlySpan<char> code)
    {
        if (code.Length != OrderRules.CurrencyLength)
        {
            return false;
        }

        var low = 0;
        var high = Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = code.SequenceCompareTo(Sorted.AsSpan(middle * OrderRules.CurrencyLength, OrderRules.CurrencyLength));
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return false;
    }
}
