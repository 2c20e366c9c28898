using System.Text.Json;
using Microsoft.Playwright;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.XRay.Viewer;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Browser.Tests.XRay.Viewer;

/// <summary>
/// The <see cref="TraceViewer"/> page in a real headless Chromium, against the whole stack running the real functions:
/// the page is opened first, orders are submitted while it polls, and what it shows is checked through the DOM.
/// </summary>
[Collection(BuiltFunctions.Name)]
public sealed class TraceViewerPageTests
{
    private const int Orders = 3;

    /// <summary>Set to 1 to refresh the README's screenshot from this run; it is always saved under artifacts/.</summary>
    private const string UpdateScreenshotsVariable = "ORDERPIPELINE_UPDATE_SCREENSHOTS";

    [SkippableFact]
    public async Task Page_WhileOrdersFlow_ShowsTheMapTheTracesAndEachRequestWithItsLinkedConsumerTrace()
    {
        HeadlessChromium.RequireInstalled();
        var options = new StackOptions(
            Path.Combine(RepositoryRoot.Find(), "template.yaml"),
            FunctionBuildFixture.WorkDirectory(),
            ApiPort: 0,
            SqsPort: 0,
            DynamoDbPort: 0,
            XRayPort: 0,
            FunctionBuildMode.Auto,
            KeepTraces: false,
            FunctionConcurrency: 2,
            SampleAll: true); // The page must show each order end to end: record every request and batch.
        await using var stack = await EmulatedStack.StartAsync(options, StackEvents.Silent, CancellationToken.None);
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1500, Height = 1100 } });
            var pageErrors = new List<string>();
            page.PageError += (_, error) => pageErrors.Add(error);
            await page.GotoAsync(stack.XRayApi.ViewerUrl);
            await page.Locator("#status", new() { HasTextString = "updated" }).WaitForAsync();

            var submitted = await SubmitOrdersAsync(stack);
            var links = await WaitUntilLinkedAsync(stack, submitted);

            // The map, drawn from GetServiceGraph once the traces arrive, without a reload.
            await page.Locator("#map .edge-group[data-edge-type='link']").WaitForAsync();
            var nodes = await page.Locator("#map .node").EvaluateAllAsync<string[]>(
                "nodes => nodes.map(node => node.dataset.nodeType + ' ' + node.dataset.nodeName)");
            // The nodes carry the deployed names (order-pipeline-ConsumerFunction-…), as the console's trace map does.
            var producer = stack.Template.Functions.Single(function => function.ApiEvents.Count > 0).Name;
            var consumerFunction = stack.Template.Functions.Single(function => function.SqsEvents.Count > 0);
            var consumer = consumerFunction.Name;
            var queue = stack.Template.QueueWithArn(consumerFunction.SqsEvents[0].Queue, stack.Account).Name;
            Assert.Contains("client client", nodes);
            Assert.Contains(nodes, node => node.StartsWith("AWS::ApiGateway::Stage ", StringComparison.Ordinal));
            Assert.Contains($"AWS::Lambda {producer}", nodes);
            Assert.Contains($"AWS::Lambda::Function {producer}", nodes);
            Assert.Contains($"AWS::SQS::Queue {queue}", nodes);
            Assert.Contains($"AWS::Lambda {consumer}", nodes);
            Assert.Contains($"AWS::Lambda::Function {consumer}", nodes);
            var link = page.Locator($"#map .edge-group[data-edge-type='link'][data-target='{consumer}'] path.edge");
            Assert.NotEqual("none", await link.EvaluateAsync<string>("path => getComputedStyle(path).strokeDasharray"));
            Assert.Equal("none", await page.Locator("#map .edge-group[data-edge-type='call'] path.edge").First
                .EvaluateAsync<string>("path => getComputedStyle(path).strokeDasharray"));

            // The list, and one request end to end, selected with the keyboard.
            var (orderId, producerTrace) = submitted[1];
            var item = page.Locator($"#traces li[data-trace-id='{producerTrace}'] button");
            await item.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var consumerTrace = Assert.Single(links[producerTrace]);
            var consumerRows = page.Locator($"#timeline .row[data-role='consumer'][data-trace-id='{consumerTrace}']");
            await consumerRows.First.WaitForAsync();
            Assert.True(await page.Locator($"#timeline .row[data-role='producer'][data-trace-id='{producerTrace}']").CountAsync() >= 4);
            Assert.Equal(1, await page.Locator("#timeline .queue-gap").CountAsync());
            await consumerRows.Last.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            Assert.Contains(consumerTrace, await page.Locator("#details").InnerTextAsync(), StringComparison.Ordinal);
            await SaveScreenshotAsync(page);

            // The filter box passes the expression to GetTraceSummaries: the list narrows to the traces that carry the
            // order's annotation, the one that accepted it and the one that processed it.
            var before = await page.Locator("#traces li").CountAsync();
            await page.Locator("#filter").FillAsync($"annotation.order_id = \"{orderId}\"");
            await page.Locator("#filter").PressAsync("Enter");
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#traces li').length === 2");
            var filtered = await page.Locator("#traces li").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.traceId)");
            Assert.True(before > 2, $"{before} trace(s) before filtering");
            Assert.Equal(new[] { consumerTrace, producerTrace }.Order(StringComparer.Ordinal), filtered.Order(StringComparer.Ordinal));

            // An expression GetTraceSummaries refuses shows its error.
            await page.Locator("#filter").FillAsync("annotation.order_id =");
            await page.Locator("#filter").PressAsync("Enter");
            await page.Locator("#filter-error").WaitForAsync();
            Assert.Contains("InvalidRequestException", await page.Locator("#filter-error").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(pageErrors);
        }
    }

    private static async Task<List<(string OrderId, string TraceId)>> SubmitOrdersAsync(EmulatedStack stack)
    {
        var sample = SampleRequest.Load(Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder));
        var route = stack.Template.Functions.SelectMany(function => function.ApiEvents).Single(source => source.Path == sample.Path);
        var stage = stack.Template.Apis.Single(api => api.LogicalId == route.RestApiLogicalId).StageName;
        var url = new Uri($"{stack.Api.BaseUrl}/{stage}{sample.Path}");
        // POST /orders is AWS_IAM in the template: signed with the stack's local credentials.
        using var http = stack.CreateApiClient(TimeSpan.FromSeconds(60));
        var submitted = new List<(string, string)>();
        for (var i = 0; i < Orders; i++)
        {
            using var request = sample.ToHttpRequest(url);
            using var response = await http.SendAsync(request);
            Assert.Equal(202, (int)response.StatusCode);
            var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
            var header = response.Headers.GetValues("X-Amzn-Trace-Id").Single();
            Assert.True(TraceHeader.TryParse(header, out var trace), header);
            submitted.Add((orderId, trace!.Root));
        }

        return submitted;
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> WaitUntilLinkedAsync(
        EmulatedStack stack, List<(string OrderId, string TraceId)> submitted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await stack.Traces.WaitUntilAsync(
            store => TraceLinks.Index(store) is var links && submitted.All(order => links.ContainsKey(order.TraceId)),
            timeout.Token);
        return TraceLinks.Index(stack.Traces);
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var root = RepositoryRoot.Find();
        var path = Path.Combine(root, "artifacts", "screenshots", "trace-viewer.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1")
        {
            var images = Directory.CreateDirectory(Path.Combine(root, "docs", "images"));
            File.Copy(path, Path.Combine(images.FullName, "trace-viewer.png"), overwrite: true);
        }
    }
}
