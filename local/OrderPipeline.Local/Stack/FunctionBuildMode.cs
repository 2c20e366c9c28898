namespace OrderPipeline.Local.Stack;

/// <summary>The Makefile's BUILD_MODE: how a function becomes its <c>bootstrap</c>.</summary>
public enum FunctionBuildMode
{
    /// <summary>Native AOT where the host can link it (Linux x86_64 with gcc or clang), else ReadyToRun.</summary>
    Auto,

    /// <summary>One native executable.</summary>
    Aot,

    /// <summary>A self-contained ReadyToRun app started by a shell-script bootstrap.</summary>
    ReadyToRun,

    /// <summary>A framework-dependent build run by the JIT: quickest to build, slowest to start; local use only.</summary>
    Jit,
}
