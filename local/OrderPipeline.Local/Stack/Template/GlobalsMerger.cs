using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Merges a <c>Globals</c> section into a resource's properties as SAM does: maps merge key by key (recursively),
/// lists concatenate (global entries first), and otherwise, or when either side is an intrinsic, the resource's value wins.
/// </summary>
internal static class GlobalsMerger
{
    public static YamlMappingNode Merge(YamlMappingNode? globals, YamlMappingNode? properties) =>
        (YamlMappingNode)MergeNode(globals ?? new YamlMappingNode(), properties ?? new YamlMappingNode());

    private static YamlNode MergeNode(YamlNode global, YamlNode local)
    {
        if (IntrinsicFunction.IsIntrinsic(global) || IntrinsicFunction.IsIntrinsic(local))
        {
            return local;
        }

        switch (global, local)
        {
            case (YamlSequenceNode globalList, YamlSequenceNode localList):
                return new YamlSequenceNode(globalList.Children.Concat(localList.Children));
            case (YamlMappingNode globalMap, YamlMappingNode localMap):
                var merged = new YamlMappingNode();
                foreach (var (key, value) in YamlNodes.Entries(globalMap))
                {
                    var own = YamlNodes.Child(localMap, key);
                    merged.Add(key, own is null ? value : MergeNode(value, own));
                }

                foreach (var (key, value) in YamlNodes.Entries(localMap))
                {
                    if (YamlNodes.Child(globalMap, key) is null)
                    {
                        merged.Add(key, value);
                    }
                }

                return merged;
            default:
                return local;
        }
    }
}
