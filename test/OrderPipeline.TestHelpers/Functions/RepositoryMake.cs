using System.Diagnostics;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>Runs the repository's Makefile, as <c>sam build</c> does, from the repository root.</summary>
public static class RepositoryMake
{
    /// <summary>
    /// Runs <c>make</c> with <paramref name="arguments"/> (targets and VARIABLE=value overrides). The child inherits
    /// this process' environment except MSBuild's variables, which <c>dotnet test</c> sets for its own build and which
    /// would steer the child's <c>dotnet publish</c>. On timeout the whole make process tree is killed.
    /// </summary>
    /// <exception cref="TimeoutException">make still ran after <paramref name="timeout"/>.</exception>
    public static async Task<MakeResult> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var startInfo = new ProcessStartInfo("make") { WorkingDirectory = root };
        startInfo.ArgumentList.Add("--no-print-directory");
        startInfo.ArgumentList.Add("--file=" + Path.Combine(root, "Makefile"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        FunctionBuilder.RemoveMSBuildVariables(startInfo.Environment);

        await using var make = FunctionProcess.Start(startInfo);
        var exitCode = await make.WaitForExitAsync(timeout, cancellationToken);
        return new MakeResult(exitCode, make.StandardOutput, make.StandardError);
    }
}
