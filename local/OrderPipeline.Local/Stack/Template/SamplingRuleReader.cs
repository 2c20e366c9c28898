using System.Globalization;
using OrderPipeline.Local.XRay;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Reads an <c>AWS::XRay::SamplingRule</c>'s <c>SamplingRule</c> property
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-xray-samplingrule-samplingrule.html):
/// <c>RuleName</c>, <c>Priority</c> (1 to 9999), <c>FixedRate</c> (0 to 1), <c>ReservoirSize</c> (0 or more),
/// <c>ServiceName</c>, <c>ServiceType</c>, <c>Host</c>, <c>HTTPMethod</c>, <c>URLPath</c>, <c>ResourceARN</c> (all
/// required), <c>Version</c> (1, the only one) and <c>Attributes</c>. Anything X-Ray would refuse fails the load.
/// </summary>
internal sealed class SamplingRuleReader(PropertyReader properties)
{
    public const string ResourceType = "AWS::XRay::SamplingRule";

    public SamplingRule Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}.Properties.SamplingRule";
        var rule = properties.Mapping(properties.Mapping(resource, "Properties", $"Resources.{logicalId}"), "SamplingRule", $"Resources.{logicalId}.Properties")
            ?? throw new TemplateException($"{path} is required.");
        var priority = properties.OptionalInt(rule, "Priority", path) ?? throw new TemplateException($"{path}.Priority is required.");
        var reservoir = properties.OptionalInt(rule, "ReservoirSize", path) ?? throw new TemplateException($"{path}.ReservoirSize is required.");
        var rateText = properties.RequiredString(rule, "FixedRate", path);
        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
        {
            throw new TemplateException($"{path}.FixedRate: '{rateText}' is not a share between 0 and 1.");
        }

        if (priority is < 1 or > 9999)
        {
            throw new TemplateException($"{path}.Priority: {priority} is not between 1 and 9999.");
        }

        if (reservoir < 0)
        {
            throw new TemplateException($"{path}.ReservoirSize: {reservoir} is negative.");
        }

        if (properties.OptionalInt(rule, "Version", path) is { } version and not 1)
        {
            throw new TemplateException($"{path}.Version: {version} is not 1.");
        }

        var name = properties.RequiredString(rule, "RuleName", path);
        if (name.Length is 0 or > 32)
        {
            throw new TemplateException($"{path}.RuleName: '{name}' is not 1 to 32 characters.");
        }

        var attributes = properties.StringMap(rule, "Attributes", path);
        return new SamplingRule(
            name,
            priority,
            rate,
            reservoir,
            properties.RequiredString(rule, "ServiceName", path),
            properties.RequiredString(rule, "ServiceType", path),
            properties.RequiredString(rule, "Host", path),
            properties.RequiredString(rule, "HTTPMethod", path),
            properties.RequiredString(rule, "URLPath", path),
            properties.RequiredString(rule, "ResourceARN", path),
            attributes.Count > 0 ? attributes : null);
    }
}
