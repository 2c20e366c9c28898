using System.Security.Cryptography;

namespace OrderPipeline.Local.XRay.Viewer;

/// <summary>One file of the trace viewer page, served as is: its bytes, content type and entity tag.</summary>
/// <param name="Name">The file name, which is also its path under <c>/</c> (<c>viewer.js</c>).</param>
/// <param name="ContentType">The <c>Content-Type</c> answered, with its charset.</param>
/// <param name="Content">The file's bytes.</param>
internal sealed record ViewerAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>A strong entity tag derived from the content, quoted as the <c>ETag</c> header carries it.</summary>
    public string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(Content.Span))[..32]}\"";

    /// <summary>The asset named <paramref name="name"/>, its content type from its extension.</summary>
    /// <exception cref="ArgumentException">The extension is not one the page uses (.html, .js, .css).</exception>
    public static ViewerAsset Create(string name, ReadOnlyMemory<byte> content) =>
        new(name, ContentTypeOf(name), content);

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        var other => throw new ArgumentException($"The viewer serves no '{other}' files.", nameof(name)),
    };
}
