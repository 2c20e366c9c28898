using Microsoft.Playwright;

namespace OrderPipeline.Local.Browser.Tests.XRay.Viewer;

/// <summary>
/// Debian's Chromium driven by Playwright: Playwright's own browser downloads are not possible here, so it is pointed
/// at the system's executable. A missing browser fails the test with what to install; it is never skipped.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(
            File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath}. Install Debian's package (as .ci/run does): "
            + "apt-get update && apt-get install -y --no-install-recommends chromium");
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
