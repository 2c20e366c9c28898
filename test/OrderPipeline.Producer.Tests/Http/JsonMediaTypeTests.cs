using OrderPipeline.Producer.Http;

namespace OrderPipeline.Producer.Tests.Http;

public sealed class JsonMediaTypeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData(" application/json ;charset=UTF-8")]
    [InlineData("application/merge-patch+json")]
    public void IsAcceptable_JsonOrAbsent_ReturnsTrue(string? contentType) =>
        Assert.True(JsonMediaType.IsAcceptable(contentType));

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData("text/json+xml")]
    public void IsAcceptable_OtherMediaType_ReturnsFalse(string contentType) =>
        Assert.False(JsonMediaType.IsAcceptable(contentType));
}
