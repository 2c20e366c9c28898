namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>Reads the tokens of one expression in order, raising DynamoDB's syntax error at an unexpected one.</summary>
internal sealed class ExpressionCursor
{
    /// <summary>DynamoDB's limit on the length of any expression: 4 KB.</summary>
    public const int MaxLength = 4096;

    /// <summary>How deep parentheses and NOTs may nest here: a local bound that keeps the recursive parser's stack small.</summary>
    public const int MaxNesting = 64;

    private readonly List<ExpressionToken> _tokens;
    private int _index;
    private int _nesting;

    public ExpressionCursor(string expressionName, string expression, ExpressionAttributes attributes, bool arithmetic = false)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw ExpressionErrors.Empty(expressionName);
        }

        if (expression.Length > MaxLength)
        {
            throw ExpressionErrors.Invalid(expressionName,
                $"Expression size has exceeded the maximum allowed size; expression size: {expression.Length}");
        }

        ExpressionName = expressionName;
        Expression = expression;
        Attributes = attributes;
        _tokens = ExpressionLexer.Tokenize(expression, expressionName, arithmetic);
    }

    public string ExpressionName { get; }

    public string Expression { get; }

    public ExpressionAttributes Attributes { get; }

    public ExpressionToken Current => _tokens[_index];

    public ExpressionToken Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    public ExpressionToken Next()
    {
        var token = Current;
        _index = Math.Min(_index + 1, _tokens.Count - 1);
        return token;
    }

    /// <summary>Consumes the current token when it is <paramref name="text"/> of <paramref name="kind"/>.</summary>
    public bool Accept(ExpressionTokenKind kind, string text)
    {
        if (!Current.Is(kind, text))
        {
            return false;
        }

        Next();
        return true;
    }

    public ExpressionToken Expect(ExpressionTokenKind kind, string? text = null)
    {
        if (Current.Kind != kind || (text is not null && !Current.Is(kind, text)))
        {
            throw Unexpected();
        }

        return Next();
    }

    /// <summary>Enters one level of nesting (a parenthesis or a NOT); the caller leaves it with <see cref="Leave"/>.</summary>
    public void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw ExpressionErrors.Invalid(ExpressionName, $"The expression nests deeper than {MaxNesting} levels");
        }
    }

    public void Leave() => _nesting--;

    public void ExpectEnd()
    {
        if (Current.Kind != ExpressionTokenKind.End)
        {
            throw Unexpected();
        }
    }

    public DynamoDbProtocolException Unexpected()
    {
        var token = Current;
        var previous = _index > 0 ? _tokens[_index - 1].Position : token.Position;
        var end = token.Kind == ExpressionTokenKind.End ? Expression.Length : token.Position + token.Text.Length;
        return ExpressionErrors.Syntax(ExpressionName, Expression, token.Text, previous, end);
    }
}
