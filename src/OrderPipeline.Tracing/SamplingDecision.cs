namespace OrderPipeline.Tracing;

/// <summary>The <c>Sampled=</c> part of an X-Ray trace header.</summary>
public enum SamplingDecision
{
    /// <summary>No <c>Sampled=</c> part.</summary>
    Unknown,

    /// <summary><c>Sampled=1</c>.</summary>
    Sampled,

    /// <summary><c>Sampled=0</c>.</summary>
    NotSampled,

    /// <summary><c>Sampled=?</c>: the receiver decides by its sampling rules.</summary>
    Requested,
}
