using Xunit.Sdk;

namespace OrderPipeline.TestHelpers;

/// <summary>
/// Something a test needs that a clone of the repository may not have (the SAM schema beside it, Chromium). Missing,
/// the test reports itself skipped with the reason and how to enable it (the test must be a <c>[SkippableFact]</c> or
/// <c>[SkippableTheory]</c>); under <c>CI=true</c> it fails instead, because CI provides every prerequisite and a test
/// that did not run proves nothing.
/// </summary>
public static class OptionalPrerequisite
{
    /// <summary>The variable CI systems set (GitHub Actions, GitLab, this project's .ci/run).</summary>
    public const string CiVariable = "CI";

    /// <exception cref="Xunit.SkipException">Missing, outside CI.</exception>
    /// <exception cref="XunitException">Missing, under CI.</exception>
    public static void Require(bool present, string whatIsMissing, string howToEnable) =>
        Require(present, whatIsMissing, howToEnable, Environment.GetEnvironmentVariable(CiVariable));

    /// <summary>As <see cref="Require(bool, string, string)"/>, with the value of <c>CI</c> passed in, so that a test can
    /// check both outcomes without changing the process's environment.</summary>
    public static void Require(bool present, string whatIsMissing, string howToEnable, string? ciVariable)
    {
        if (present)
        {
            return;
        }

        if (IsCi(ciVariable))
        {
            throw new XunitException($"{whatIsMissing} Under {CiVariable}={ciVariable} this test must run: {howToEnable}");
        }

        throw new Xunit.SkipException($"{whatIsMissing} Skipped; to run it: {howToEnable}");
    }

    private static bool IsCi(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
