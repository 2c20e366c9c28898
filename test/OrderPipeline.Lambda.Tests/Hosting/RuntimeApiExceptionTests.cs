using System.Net;
using OrderPipeline.Lambda.Hosting;

namespace OrderPipeline.Lambda.Tests.Hosting;

public sealed class RuntimeApiExceptionTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    public void IsRejection_ByStatus_OnlyClientErrorsLeaveTheApiUsable(HttpStatusCode status, bool rejection)
    {
        Assert.Equal(rejection, new RuntimeApiException("x", status).IsRejection);
    }

    [Fact]
    public void IsRejection_ContractBroken_IsFalse()
    {
        Assert.False(new RuntimeApiException("no request id").IsRejection);
    }
}
