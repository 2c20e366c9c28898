namespace OrderPipeline.Local.XRay.Api.Filters;

internal enum FilterTokenKind
{
    /// <summary>A keyword, <c>annotation.key</c>, <c>AND</c>, <c>true</c>…</summary>
    Word,

    /// <summary>A double-quoted string; the token's text is its value, unescaped.</summary>
    String,

    Number,

    /// <summary><c>( ) = != &lt; &lt;= &gt; &gt;= ! &amp;&amp; ||</c></summary>
    Symbol,

    End,
}
