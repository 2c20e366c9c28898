using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using OrderPipeline.Local.Otlp.Proto;

namespace OrderPipeline.Local.Otlp;

/// <summary>
/// Reads an OTLP/JSON <c>ExportTraceServiceRequest</c> into the generated protobuf classes. OTLP/JSON is protobuf's
/// JSON mapping with OTLP's own departures (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): trace
/// and span ids are case-insensitive hex, not base64 (so Google.Protobuf's <c>JsonParser</c> does not fit); enums are
/// integers; field names are lowerCamelCase (the proto's own snake_case names are read too, as protobuf's JSON parsers
/// do, so that such a body is not silently read as empty); 64-bit integers come as decimal strings or numbers; unknown
/// fields are ignored. Anything else that does not fit the message is refused with an <see cref="OtlpFormatException"/> naming
/// where, so a client learns what to fix and nothing is half-read.
/// </summary>
internal static class OtlpJsonReader
{
    private const int MaxDepth = 64;

    /// <exception cref="OtlpFormatException">Not JSON, or not an ExportTraceServiceRequest.</exception>
    public static ExportTraceServiceRequest Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new OtlpFormatException($"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var request = new ExportTraceServiceRequest();
            foreach (var item in Array(document.RootElement, "resourceSpans", "$"))
            {
                request.ResourceSpans.Add(ReadResourceSpans(item.Value, item.Path));
            }

            return request;
        }
    }

    private static ResourceSpans ReadResourceSpans(JsonElement element, string path)
    {
        var resourceSpans = new ResourceSpans { SchemaUrl = String(element, "schemaUrl", path) };
        if (Object(element, "resource", path) is { } resource)
        {
            resourceSpans.Resource = new Resource { DroppedAttributesCount = UInt32(resource, "droppedAttributesCount", path + ".resource") };
            ReadAttributes(resource, path + ".resource", resourceSpans.Resource.Attributes);
        }

        foreach (var item in Array(element, "scopeSpans", path))
        {
            var scopeSpans = new ScopeSpans { SchemaUrl = String(item.Value, "schemaUrl", item.Path) };
            if (Object(item.Value, "scope", item.Path) is { } scope)
            {
                var scopePath = item.Path + ".scope";
                scopeSpans.Scope = new InstrumentationScope
                {
                    Name = String(scope, "name", scopePath),
                    Version = String(scope, "version", scopePath),
                    DroppedAttributesCount = UInt32(scope, "droppedAttributesCount", scopePath),
                };
                ReadAttributes(scope, scopePath, scopeSpans.Scope.Attributes);
            }

            foreach (var span in Array(item.Value, "spans", item.Path))
            {
                scopeSpans.Spans.Add(ReadSpan(span.Value, span.Path));
            }

            resourceSpans.ScopeSpans.Add(scopeSpans);
        }

        return resourceSpans;
    }

    private static Span ReadSpan(JsonElement element, string path)
    {
        var span = new Span
        {
            TraceId = Id(element, "traceId", path),
            SpanId = Id(element, "spanId", path),
            TraceState = String(element, "traceState", path),
            ParentSpanId = Id(element, "parentSpanId", path),
            Flags = UInt32(element, "flags", path),
            Name = String(element, "name", path),
            Kind = (Span.Types.SpanKind)Enum(element, "kind", path),
            StartTimeUnixNano = UInt64(element, "startTimeUnixNano", path),
            EndTimeUnixNano = UInt64(element, "endTimeUnixNano", path),
            DroppedAttributesCount = UInt32(element, "droppedAttributesCount", path),
            DroppedEventsCount = UInt32(element, "droppedEventsCount", path),
            DroppedLinksCount = UInt32(element, "droppedLinksCount", path),
        };
        ReadAttributes(element, path, span.Attributes);
        foreach (var item in Array(element, "events", path))
        {
            var spanEvent = new Span.Types.Event
            {
                TimeUnixNano = UInt64(item.Value, "timeUnixNano", item.Path),
                Name = String(item.Value, "name", item.Path),
                DroppedAttributesCount = UInt32(item.Value, "droppedAttributesCount", item.Path),
            };
            ReadAttributes(item.Value, item.Path, spanEvent.Attributes);
            span.Events.Add(spanEvent);
        }

        foreach (var item in Array(element, "links", path))
        {
            var link = new Span.Types.Link
            {
                TraceId = Id(item.Value, "traceId", item.Path),
                SpanId = Id(item.Value, "spanId", item.Path),
                TraceState = String(item.Value, "traceState", item.Path),
                Flags = UInt32(item.Value, "flags", item.Path),
                DroppedAttributesCount = UInt32(item.Value, "droppedAttributesCount", item.Path),
            };
            ReadAttributes(item.Value, item.Path, link.Attributes);
            span.Links.Add(link);
        }

        if (Object(element, "status", path) is { } status)
        {
            span.Status = new Status
            {
                Message = String(status, "message", path + ".status"),
                Code = (Status.Types.StatusCode)Enum(status, "code", path + ".status"),
            };
        }

        return span;
    }

    private static void ReadAttributes(JsonElement owner, string path, Google.Protobuf.Collections.RepeatedField<KeyValue> attributes)
    {
        foreach (var item in Array(owner, "attributes", path))
        {
            attributes.Add(ReadKeyValue(item.Value, item.Path));
        }
    }

    private static KeyValue ReadKeyValue(JsonElement element, string path)
    {
        RequireObject(element, path);
        var keyValue = new KeyValue { Key = String(element, "key", path) };
        if (Object(element, "value", path) is { } value)
        {
            keyValue.Value = ReadAnyValue(value, path + ".value");
        }

        return keyValue;
    }

    /// <summary>The one field of the <c>value</c> oneof that is present (the last, if a client sent several).</summary>
    private static AnyValue ReadAnyValue(JsonElement element, string path)
    {
        var value = new AnyValue();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var at = $"{path}.{property.Name}";
            switch (property.Name.Replace("_v", "V", StringComparison.Ordinal))
            {
                case "stringValue":
                    value.StringValue = AsString(property.Value, at);
                    break;
                case "boolValue":
                    value.BoolValue = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new OtlpFormatException($"{at} must be true or false."),
                    };
                    break;
                case "intValue":
                    value.IntValue = AsInt64(property.Value, at);
                    break;
                case "doubleValue":
                    value.DoubleValue = AsDouble(property.Value, at);
                    break;
                case "bytesValue":
                    value.BytesValue = AsBase64(property.Value, at);
                    break;
                case "arrayValue":
                    RequireObject(property.Value, at);
                    value.ArrayValue = new ArrayValue();
                    foreach (var item in Array(property.Value, "values", at))
                    {
                        RequireObject(item.Value, item.Path);
                        value.ArrayValue.Values.Add(ReadAnyValue(item.Value, item.Path));
                    }

                    break;
                case "kvlistValue":
                    RequireObject(property.Value, at);
                    value.KvlistValue = new KeyValueList();
                    foreach (var item in Array(property.Value, "values", at))
                    {
                        value.KvlistValue.Values.Add(ReadKeyValue(item.Value, item.Path));
                    }

                    break;
            }
        }

        return value;
    }

    /// <summary>The elements of an array field (absent or null: none), each with its path for error messages.</summary>
    private static IEnumerable<(JsonElement Value, string Path)> Array(JsonElement owner, string name, string path)
    {
        RequireObject(owner, path);
        if (!TryGet(owner, name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new OtlpFormatException($"{path}.{name} must be an array.");
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{index++}]"));
        }
    }

    private static JsonElement? Object(JsonElement owner, string name, string path)
    {
        if (!TryGet(owner, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireObject(value, $"{path}.{name}");
        return value;
    }

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new OtlpFormatException($"{path} must be an object.");
        }
    }

    private static string String(JsonElement owner, string name, string path) =>
        Present(owner, name) is { } value ? AsString(value, $"{path}.{name}") : "";

    private static string AsString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new OtlpFormatException($"{path} must be a string.");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new OtlpFormatException($"{path} is not valid text (an unpaired surrogate).");
        }
    }

    /// <summary>A trace or span id: hex of any case (OTLP/JSON), empty or absent for none.</summary>
    private static ByteString Id(JsonElement owner, string name, string path)
    {
        var text = String(owner, name, path);
        if (text.Length == 0)
        {
            return ByteString.Empty;
        }

        try
        {
            return ByteString.CopyFrom(Convert.FromHexString(text));
        }
        catch (FormatException)
        {
            throw new OtlpFormatException($"{path}.{name} must be hex digits (OTLP/JSON ids are hex, not base64): '{text}'.");
        }
    }

    private static int Enum(JsonElement owner, string name, string path)
    {
        if (Present(owner, name) is not { } value)
        {
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new OtlpFormatException($"{path}.{name} must be an integer (OTLP/JSON enums are integers).");
        }

        return number;
    }

    private static uint UInt32(JsonElement owner, string name, string path)
    {
        if (Present(owner, name) is not { } value)
        {
            return 0;
        }

        return Integer(value, $"{path}.{name}", out uint number, uint.TryParse) ? number
            : value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out number) ? number
            : throw new OtlpFormatException($"{path}.{name} must be an unsigned 32-bit integer.");
    }

    private static ulong UInt64(JsonElement owner, string name, string path)
    {
        if (Present(owner, name) is not { } value)
        {
            return 0;
        }

        return Integer(value, $"{path}.{name}", out ulong number, ulong.TryParse) ? number
            : value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out number) ? number
            : throw new OtlpFormatException($"{path}.{name} must be an unsigned 64-bit integer (a number or a decimal string).");
    }

    private static long AsInt64(JsonElement value, string path) =>
        Integer(value, path, out long number, long.TryParse) ? number
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out number) ? number
        : throw new OtlpFormatException($"{path} must be a 64-bit integer (a number or a decimal string).");

    private delegate bool TryParse<T>(string text, NumberStyles style, IFormatProvider provider, out T value);

    /// <summary>A 64-bit integer sent as a decimal string, as protobuf's JSON mapping writes it.</summary>
    private static bool Integer<T>(JsonElement value, string path, out T number, TryParse<T> parse)
    {
        number = default!;
        return value.ValueKind == JsonValueKind.String
            && parse(AsString(value, path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>A number, or protobuf JSON's <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> or a numeric string.</summary>
    private static double AsDouble(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            switch (AsString(value, path))
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
                case var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number):
                    return number;
            }
        }

        throw new OtlpFormatException($"{path} must be a number.");
    }

    private static ByteString AsBase64(JsonElement value, string path)
    {
        try
        {
            return ByteString.FromBase64(AsString(value, path));
        }
        catch (FormatException)
        {
            throw new OtlpFormatException($"{path} must be base64.");
        }
    }

    private static JsonElement? Present(JsonElement owner, string name) =>
        TryGet(owner, name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The field by its lowerCamelCase name (OTLP/JSON's), else by the proto's snake_case name.</summary>
    private static bool TryGet(JsonElement owner, string name, out JsonElement value) =>
        owner.TryGetProperty(name, out value) || owner.TryGetProperty(SnakeCase(name), out value);

    private static string SnakeCase(string lowerCamelCase)
    {
        var snake = new System.Text.StringBuilder(lowerCamelCase.Length + 4);
        foreach (var c in lowerCamelCase)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                snake.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }

        return snake.ToString();
    }
}

/// <summary>An OTLP request body that cannot be read: the receiver answers 400 with <see cref="Exception.Message"/>.</summary>
internal sealed class OtlpFormatException(string message) : Exception(message);
