using Microsoft.Playwright;
using OrderPipeline.TestHelpers;

namespace OrderPipeline.Local.Browser.Tests.XRay.Viewer;

/// <summary>
/// Debian's Chromium driven by Playwright: Playwright's own browser downloads are not possible here, so it is pointed
/// at the system's executable. A clone without it skips the test with what to install; under <c>CI=true</c> it fails.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Names another Chromium executable (a distribution that installs it elsewhere, e.g. chromium-browser).</summary>
    public const string PathVariable = "ORDERPIPELINE_CHROMIUM";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>Skips the calling <c>[SkippableFact]</c> when Chromium is missing (fails it under CI).</summary>
    public static void RequireInstalled() =>
        OptionalPrerequisite.Require(
            File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath}.",
            $"install Debian's package (as .ci/run does): apt-get update && apt-get install -y --no-install-recommends chromium; or set {PathVariable} to a Chromium executable");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        RequireInstalled();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = Arguments });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
