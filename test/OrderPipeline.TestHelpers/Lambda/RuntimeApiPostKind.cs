namespace OrderPipeline.TestHelpers.Lambda;

public enum RuntimeApiPostKind
{
    /// <summary><c>POST /runtime/invocation/{id}/response</c>.</summary>
    Response,

    /// <summary><c>POST /runtime/invocation/{id}/error</c>.</summary>
    InvocationError,

    /// <summary><c>POST /runtime/init/error</c>.</summary>
    InitError,
}
