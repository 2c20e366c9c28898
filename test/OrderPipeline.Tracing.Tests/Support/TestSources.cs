using System.Diagnostics;

namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>
/// Activity listeners are process-wide and tests run in parallel: each test gets its own source name so that it
/// sees only its own activities.
/// </summary>
internal static class TestSources
{
    public static ActivitySource Create() => new($"OrderPipeline.Tracing.Tests.{Guid.NewGuid():N}");
}
