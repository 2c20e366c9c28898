using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Sqs.Operations;

namespace OrderPipeline.Local.Tests.Sqs.Operations;

public sealed class SqsMessageValidatorTests
{
    // Each body is checked alone, after a long plain prefix (the vectorized skip) and before a long plain suffix.
    private static readonly string Plain = new('x', 100);

    [Fact]
    public void ValidateBody_AllowedCharacters_Accepts()
    {
        string[] bodies =
        [
            "{\"orderId\":\"o-1\"}",
            "tab\tnew line\ncarriage return\r",
            "\uD7FF\uE000\uFFFD",
            "emoji \uD83D\uDE00 after",
            "\uD83D\uDE00",
        ];

        foreach (var body in bodies)
        {
            SqsMessageValidator.ValidateBody(body);
            SqsMessageValidator.ValidateBody(Plain + body);
            SqsMessageValidator.ValidateBody(body + Plain);
        }
    }

    [Fact]
    public void ValidateBody_CharacterSqsRefuses_ThrowsInvalidMessageContents()
    {
        string[] bodies =
        [
            "\u0001",
            "\u001F",
            "\uFFFE",
            "\uFFFF",
            "lone high \uD83D surrogate",
            "lone low \uDE00 surrogate",
            "ends on a high surrogate \uD83D",
        ];

        foreach (var text in bodies.SelectMany(body => new[] { body, Plain + body, body + Plain }))
        {
            var rejected = Assert.Throws<SqsProtocolException>(() => SqsMessageValidator.ValidateBody(text));

            Assert.Equal(SqsError.InvalidMessageContents().Type, rejected.Error.Type);
        }
    }

    [Fact]
    public void ValidateBody_MissingOrEmpty_ThrowsMissingParameter()
    {
        foreach (var body in new[] { null, string.Empty })
        {
            var rejected = Assert.Throws<SqsProtocolException>(() => SqsMessageValidator.ValidateBody(body));

            Assert.Equal(SqsError.MissingParameter("MessageBody").Type, rejected.Error.Type);
        }
    }
}
