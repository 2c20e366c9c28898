using System.Net;
using System.Text.Json;

namespace OrderPipeline.Local.Tests.XRay.Api;

/// <summary>An answer of the X-Ray API: status, the <c>x-amzn-ErrorType</c> and <c>x-amzn-RequestId</c> headers, the JSON body.</summary>
internal sealed record XRayApiAnswer(HttpStatusCode Status, string? ErrorType, string? RequestId, JsonElement Body);
