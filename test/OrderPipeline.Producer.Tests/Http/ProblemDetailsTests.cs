using OrderPipeline.Contracts;
using OrderPipeline.Producer.Http;

namespace OrderPipeline.Producer.Tests.Http;

public sealed class ProblemDetailsTests
{
    [Fact]
    public void ToJson_WithErrors_WritesRfc9457MembersThenErrors()
    {
        var problem = new ProblemDetails(
            "urn:orderpipeline:problem:invalid-order", "The order is not valid.", 400, "2 fields are not valid; see errors.",
            "/orders", "req-1", [ProblemError.InBody(new ValidationError("/currency", "must be 3 capital letters")), ProblemError.InBody(new ValidationError("", "x"))]);

        Assert.Equal(
            """{"type":"urn:orderpipeline:problem:invalid-order","title":"The order is not valid.","status":400,"detail":"2 fields are not valid; see errors.","instance":"/orders","requestId":"req-1","errors":[{"pointer":"/currency","detail":"must be 3 capital letters"},{"pointer":"","detail":"x"}]}""",
            problem.ToJson());
    }

    [Fact]
    public void ToJson_HeaderError_WritesHeaderInsteadOfPointer()
    {
        var problem = new ProblemDetails(
            "urn:t", "T", 400, "D", null, null, [ProblemError.InHeader("Idempotency-Key", "must be given once")]);

        Assert.Equal(
            """{"type":"urn:t","title":"T","status":400,"detail":"D","errors":[{"header":"Idempotency-Key","detail":"must be given once"}]}""",
            problem.ToJson());
    }

    [Fact]
    public void ToJson_WithoutErrorsInstanceOrRequestId_LeavesThemOut()
    {
        var problem = new ProblemDetails("urn:t", "T", 503, "D", null, null, []);

        Assert.Equal("""{"type":"urn:t","title":"T","status":503,"detail":"D"}""", problem.ToJson());
    }

    [Fact]
    public void ToJson_MarkupInDetail_IsEscaped()
    {
        var problem = new ProblemDetails("urn:t", "T", 400, "<script>", null, null, []);

        Assert.Equal("""{"type":"urn:t","title":"T","status":400,"detail":"\u003Cscript\u003E"}""", problem.ToJson());
    }
}
