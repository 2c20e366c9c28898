namespace OrderPipeline.Local.DynamoDb.Expressions;

internal enum ExpressionTokenKind
{
    /// <summary>An attribute name, keyword or function name: a letter or underscore, then letters, digits, underscores.</summary>
    Word,

    /// <summary>A list index inside brackets.</summary>
    Integer,

    /// <summary><c>#name</c>, resolved through ExpressionAttributeNames.</summary>
    NamePlaceholder,

    /// <summary><c>:value</c>, resolved through ExpressionAttributeValues.</summary>
    ValuePlaceholder,

    /// <summary>One of <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
    Comparator,

    /// <summary>One of <c>( ) [ ] , .</c>.</summary>
    Punctuation,

    /// <summary>The end of the expression.</summary>
    End,
}
