using System.Net;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>The Runtime API answered with an error status, or with an answer that breaks its contract.</summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The answer's status; null when the status was fine but the answer was not.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The API refused one post (400, 403, 413: a bad id, a late or oversized result) and stays usable; any other
    /// failure (500 "container error" above all) means the runtime must exit.
    /// </summary>
    public bool IsRejection => StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError;
}
