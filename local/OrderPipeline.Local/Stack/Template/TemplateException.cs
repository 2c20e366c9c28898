namespace OrderPipeline.Local.Stack.Template;

/// <summary>A template the local stack cannot run; the message names the resource and property at fault.</summary>
internal sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
