namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>A token of a filter expression; <c>Position</c> is where it starts, counted from 0.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position)
{
    public bool Is(FilterTokenKind kind, string text) =>
        Kind == kind && Text.Equals(text, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Is(FilterTokenKind.Symbol, symbol);

    public bool IsWord(string word) => Is(FilterTokenKind.Word, word);

    public override string ToString() => Kind == FilterTokenKind.End ? "the end of the expression" : $"'{Text}' at {Position}";
}

internal enum FilterTokenKind
{
    /// <summary>A keyword, <c>annotation.key</c>, <c>AND</c>, <c>true</c>…</summary>
    Word,

    /// <summary>A double-quoted string; the token's text is its value, unescaped.</summary>
    String,

    Number,

    /// <summary><c>( ) { } [ ] , : = != &lt; &lt;= &gt; &gt;= ! &amp;&amp; ||</c></summary>
    Symbol,

    End,
}

internal enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    BeginsWith,
    EndsWith,
}
