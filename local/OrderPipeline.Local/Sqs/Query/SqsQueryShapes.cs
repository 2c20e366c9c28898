using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace OrderPipeline.Local.Sqs.Query;

/// <summary>
/// The query protocol's shapes of the operations SQS serves here, as SQS's 2012-11-05 API model (the query one that
/// botocore shipped until November 2023) names them: form parameters to the operation's AWS JSON 1.0 input, and its JSON
/// answer to the XML result. Lists and maps are "flattened": <c>AttributeName.1=All</c> is <c>"AttributeNames":["All"]</c>,
/// <c>MessageAttribute.1.Name=k&amp;MessageAttribute.1.Value.DataType=String&amp;MessageAttribute.1.Value.StringValue=v</c>
/// is <c>"MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}</c>, <c>SendMessageBatchRequestEntry.1.Id</c>
/// is <c>"Entries":[{"Id":…}]</c>; in XML, each list item and map entry is an element of the item's name directly in
/// its parent (<c>&lt;Message&gt;</c>, <c>&lt;Attribute&gt;&lt;Name/&gt;&lt;Value/&gt;&lt;/Attribute&gt;</c>).
/// </summary>
internal static class SqsQueryShapes
{
    /// <summary>Flattened names in a request: the JSON member each one fills, and how.</summary>
    private static readonly Dictionary<string, (string Member, Shape Shape)> RequestShapes = new(StringComparer.Ordinal)
    {
        ["AttributeName"] = ("AttributeNames", Shape.List),
        ["MessageAttributeName"] = ("MessageAttributeNames", Shape.List),
        ["MessageSystemAttributeName"] = ("MessageSystemAttributeNames", Shape.List),
        ["Attribute"] = ("Attributes", Shape.NameValueMap),
        ["MessageAttribute"] = ("MessageAttributes", Shape.NameValueMap),
        ["MessageSystemAttribute"] = ("MessageSystemAttributes", Shape.NameValueMap),
        ["Tag"] = ("tags", Shape.KeyValueMap),
        ["SendMessageBatchRequestEntry"] = ("Entries", Shape.Entries),
        ["DeleteMessageBatchRequestEntry"] = ("Entries", Shape.Entries),
        ["ChangeMessageVisibilityBatchRequestEntry"] = ("Entries", Shape.Entries),
    };

    private static readonly HashSet<string> IntegerMembers = new(StringComparer.Ordinal)
    {
        "DelaySeconds", "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds", "MaxResults",
    };

    /// <summary>Parameters of the protocol itself (the action, the API version, a query string's signature).</summary>
    private static readonly HashSet<string> ProtocolParameters = new(StringComparer.Ordinal)
    {
        SqsQueryProtocol.ActionParameter, "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
        "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token",
    };

    /// <summary>Operations whose XML answer has no <c>&lt;…Result&gt;</c> element, only the response metadata.</summary>
    private static readonly HashSet<string> WithoutResult = new(StringComparer.Ordinal)
    {
        "DeleteMessage", "ChangeMessageVisibility", "PurgeQueue",
    };

    private enum Shape
    {
        List,
        NameValueMap,
        KeyValueMap,
        Entries,
    }

    /// <summary>
    /// The operation's JSON input from its form parameters; <paramref name="pathQueueUrl"/> (the request path on the
    /// service URL, as SDKs that post to the queue URL send it) is the <c>QueueUrl</c> when the form has none.
    /// </summary>
    public static byte[] ToJson(IReadOnlyDictionary<string, string> parameters, string? pathQueueUrl)
    {
        var root = new Node();
        foreach (var (name, value) in parameters)
        {
            if (!ProtocolParameters.Contains(name))
            {
                root.Add(name, value);
            }
        }

        if (pathQueueUrl is not null && root.Children?.ContainsKey("QueueUrl") != true)
        {
            root.Add("QueueUrl", pathQueueUrl);
        }

        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            WriteStructure(json, root, string.Empty);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>&lt;{action}Response xmlns=…&gt;&lt;{action}Result&gt;…&lt;/{action}Result&gt;&lt;ResponseMetadata&gt;…</c>
    /// from the operation's JSON answer.
    /// </summary>
    public static void WriteResponse(XmlWriter xml, string action, JsonElement answer, string requestId)
    {
        xml.WriteStartElement(action + "Response", SqsQueryProtocol.Namespace);
        if (!WithoutResult.Contains(action))
        {
            xml.WriteStartElement(action + "Result");
            WriteMembers(xml, answer, action);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("ResponseMetadata");
        xml.WriteElementString("RequestId", requestId);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Text an XML document can carry: characters XML forbids (control characters, lone surrogates) become U+FFFD.</summary>
    public static string XmlText(string text)
    {
        var firstInvalid = FirstInvalidXmlChar(text);
        if (firstInvalid < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length).Append(text, 0, firstInvalid);
        for (var i = firstInvalid; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i++, 2);
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static int FirstInvalidXmlChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static void WriteStructure(Utf8JsonWriter json, Node node, string path)
    {
        json.WriteStartObject();
        foreach (var (name, child) in node.Children ?? [])
        {
            var fullName = path.Length == 0 ? name : $"{path}.{name}";
            if (RequestShapes.TryGetValue(name, out var shape))
            {
                WriteFlattened(json, shape.Member, shape.Shape, child, fullName);
            }
            else if (child.Children is not null)
            {
                json.WritePropertyName(name);
                WriteStructure(json, child, fullName);
            }
            else if (IntegerMembers.Contains(name))
            {
                json.WriteNumber(name, Integer(fullName, child.Value!));
            }
            else
            {
                json.WriteString(name, child.Value);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteFlattened(Utf8JsonWriter json, string member, Shape shape, Node node, string fullName)
    {
        if (node.Children is null)
        {
            // SQS also takes a single list item without its index (AttributeName=All).
            if (shape != Shape.List)
            {
                throw Invalid($"The parameter {fullName} must have an index and members: {fullName}.1.…");
            }

            json.WriteStartArray(member);
            json.WriteStringValue(node.Value);
            json.WriteEndArray();
            return;
        }

        var items = Indexed(node, fullName);
        if (shape is Shape.List or Shape.Entries)
        {
            json.WriteStartArray(member);
            foreach (var (index, item) in items)
            {
                if (item.Children is null && shape == Shape.List)
                {
                    json.WriteStringValue(item.Value);
                }
                else if (item.Children is not null && shape == Shape.Entries)
                {
                    WriteStructure(json, item, $"{fullName}.{index}");
                }
                else
                {
                    throw Invalid($"The parameter {fullName}.{index} is malformed.");
                }
            }

            json.WriteEndArray();
            return;
        }

        var keyName = shape == Shape.KeyValueMap ? "Key" : "Name";
        json.WriteStartObject(member);
        foreach (var (index, entry) in items)
        {
            var entryName = $"{fullName}.{index}";
            if (entry.Child(keyName)?.Value is not { } key)
            {
                throw new SqsProtocolException(SqsError.MissingParameter($"{entryName}.{keyName}"));
            }

            if (entry.Child("Value") is not { } value)
            {
                throw new SqsProtocolException(SqsError.MissingParameter($"{entryName}.Value"));
            }

            if (value.Children is not null)
            {
                json.WritePropertyName(key);
                WriteStructure(json, value, $"{entryName}.Value");
            }
            else
            {
                json.WriteString(key, value.Value);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>The children of a flattened list or map, in index order; indexes are integers from 1.</summary>
    private static List<(int Index, Node Item)> Indexed(Node node, string fullName)
    {
        var items = new List<(int, Node)>();
        foreach (var (key, item) in node.Children!)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1)
            {
                throw Invalid($"The parameter {fullName}.{key} is malformed: indexes are integers from 1.");
            }

            items.Add((index, item));
        }

        items.Sort((left, right) => left.Item1.CompareTo(right.Item1));
        return items;
    }

    private static int Integer(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"Value {text} for parameter {name} is invalid. Reason: must be an integer.");

    private static void WriteMembers(XmlWriter xml, JsonElement structure, string action)
    {
        foreach (var member in structure.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                var itemName = member.Name switch
                {
                    "Messages" => "Message",
                    "QueueUrls" => "QueueUrl",
                    "Successful" => action + "ResultEntry",
                    "Failed" => "BatchResultErrorEntry",
                    _ => member.Name,
                };
                foreach (var item in member.Value.EnumerateArray())
                {
                    WriteValue(xml, itemName, item, action);
                }
            }
            else if (member.Value.ValueKind == JsonValueKind.Object && MapEntryName(member.Name) is { } entryName)
            {
                foreach (var entry in member.Value.EnumerateObject())
                {
                    xml.WriteStartElement(entryName);
                    xml.WriteElementString("Name", XmlText(entry.Name));
                    WriteValue(xml, "Value", entry.Value, action);
                    xml.WriteEndElement();
                }
            }
            else
            {
                WriteValue(xml, member.Name, member.Value, action);
            }
        }
    }

    private static string? MapEntryName(string member) => member switch
    {
        "Attributes" => "Attribute",
        "MessageAttributes" => "MessageAttribute",
        _ => null,
    };

    private static void WriteValue(XmlWriter xml, string name, JsonElement value, string action)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                xml.WriteStartElement(name);
                WriteMembers(xml, value, action);
                xml.WriteEndElement();
                break;
            case JsonValueKind.String:
                xml.WriteElementString(name, XmlText(value.GetString()!));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                xml.WriteElementString(name, value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            case JsonValueKind.Number:
                xml.WriteElementString(name, value.GetRawText());
                break;
            default:
                break;
        }
    }

    private static SqsProtocolException Invalid(string message) => new(SqsError.InvalidParameterValue(message));

    /// <summary>A parameter name's dotted path as a tree: a leaf holds a value, an inner node its members.</summary>
    private sealed class Node
    {
        public string? Value { get; private set; }

        public SortedDictionary<string, Node>? Children { get; private set; }

        public Node? Child(string name) => Children is not null && Children.TryGetValue(name, out var child) ? child : null;

        public void Add(string name, string value)
        {
            var node = this;
            foreach (var part in name.Split('.'))
            {
                if (node.Value is not null)
                {
                    throw Invalid($"The parameter {name} is malformed: a prefix of it is a parameter with a value.");
                }

                node.Children ??= new SortedDictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(part, out var child))
                {
                    child = new Node();
                    node.Children[part] = child;
                }

                node = child;
            }

            if (node.Children is not null)
            {
                throw Invalid($"The parameter {name} is malformed: it also has members.");
            }

            node.Value = value;
        }
    }
}
