using System.Text;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.Lambda;

public sealed class LambdaErrorsTests
{
    [Fact]
    public void TimedOut_FractionalSeconds_WritesTwoDecimals()
    {
        var error = LambdaErrors.TimedOut(TimeSpan.FromMilliseconds(2500));

        Assert.Equal(
            """{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 2.50 seconds"}""",
            Encoding.UTF8.GetString(error.Body.Span));
    }

    [Fact]
    public void Exited_ExitCode_NamesItInTheMessage()
    {
        var error = LambdaErrors.Exited(137);

        Assert.Equal("Runtime.ExitError", error.ErrorType);
        Assert.Equal("Runtime exited with error: exit status 137", error.ErrorMessage);
    }

    [Fact]
    public void FromPost_BodyNotJson_TakesTheTypeFromTheHeaderAndKeepsTheBody()
    {
        var body = "not json"u8.ToArray();

        var error = LambdaErrors.FromPost("Custom.Error", body);

        Assert.Equal("Custom.Error", error.ErrorType);
        Assert.Equal(string.Empty, error.ErrorMessage);
        Assert.Equal(body, error.Body.ToArray());
    }

    [Fact]
    public void FromPost_XRayCauseAJsonObject_KeepsIt()
    {
        const string Cause = """{"working_directory":"/var/task","paths":[],"exceptions":[]}""";

        var error = LambdaErrors.FromPost("E", """{"errorType":"E","errorMessage":"m"}"""u8.ToArray(), Cause);

        Assert.Equal(Cause, error.XRayCause);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[]")]
    public void FromPost_XRayCauseAbsentOrNotAnObject_HasNone(string? cause) =>
        Assert.Null(LambdaErrors.FromPost("E", """{"errorType":"E"}"""u8.ToArray(), cause).XRayCause);

    [Fact]
    public void FromPost_NoTypeAnywhere_ReportsUnhandled()
    {
        var error = LambdaErrors.FromPost(null, """{"errorMessage":"boom"}"""u8.ToArray());

        Assert.Equal("Unhandled", error.ErrorType);
        Assert.Equal("boom", error.ErrorMessage);
    }
}
