using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// Reads the members of a REST-JSON request body; a member of the wrong type is an <see cref="XRayApiError.Serialization"/>
/// error, a missing required one an <see cref="XRayApiError.InvalidRequest"/> error.
/// </summary>
internal static class XRayRequest
{
    /// <summary>
    /// A timestamp in epoch seconds, as the AWS SDKs send it in REST-JSON (an ISO 8601 string is taken too). A number too
    /// large for a double (<c>1e400</c>) is refused like any other wrong value, not read as infinity.
    /// </summary>
    public static double RequiredTime(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Missing(name);
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds))
        {
            return seconds;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return (time - DateTimeOffset.UnixEpoch).TotalSeconds;
        }

        throw WrongType(name, "a timestamp in epoch seconds");
    }

    public static string? OptionalString(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Text(value) is { } text ? text : throw WrongType(name, "a string");
    }

    public static bool? OptionalBoolean(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.ValueKind == JsonValueKind.True
            : throw WrongType(name, "a boolean");
    }

    public static double? OptionalNumber(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw WrongType(name, "a number");
    }

    public static JsonElement? OptionalObject(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, "an object");
    }

    /// <summary>An optional enum member: null when absent; a value outside <paramref name="allowed"/> is an InvalidRequestException.</summary>
    public static string? OptionalEnum(JsonElement request, string name, params string[] allowed)
    {
        var value = OptionalString(request, name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new XRayApiException(XRayApiError.InvalidRequest(
                $"1 validation error detected: Value '{value}' at '{name}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]"));
    }

    /// <summary>A constraint on a member that X-Ray checks (a list's length, a string's length).</summary>
    public static XRayApiException Constraint(string name, string value, string constraint) =>
        new(XRayApiError.InvalidRequest($"1 validation error detected: Value '{value}' at '{name}' failed to satisfy constraint: Member must {constraint}"));

    public static IReadOnlyList<string> RequiredStrings(JsonElement request, string name)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Missing(name);
        }

        if (value.ValueKind != JsonValueKind.Array
            || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || Text(item) is null))
        {
            throw WrongType(name, "a list of strings");
        }

        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }

    // A JSON string that is not text (an escaped lone surrogate such as "\ud800") reads as null instead of throwing.
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The window [StartTime, EndTime] in epoch seconds; its end must not be before its start.</summary>
    public static (double Start, double End) RequiredWindow(JsonElement request)
    {
        var start = RequiredTime(request, "StartTime");
        var end = RequiredTime(request, "EndTime");
        return end >= start
            ? (start, end)
            : throw new XRayApiException(XRayApiError.InvalidRequest("EndTime must not be before StartTime."));
    }

    private static XRayApiException Missing(string name) =>
        new(XRayApiError.InvalidRequest($"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null"));

    private static XRayApiException WrongType(string name, string expected) =>
        new(XRayApiError.Serialization($"{name} must be {expected}."));
}
