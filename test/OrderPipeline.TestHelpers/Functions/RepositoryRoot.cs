namespace OrderPipeline.TestHelpers.Functions;

/// <summary>Finds the repository's root folder: the nearest folder, at or above a start folder, holding the solution.</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "OrderPipeline.sln";

    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/> (the test's bin folder).</summary>
    public static string Find() => Find(AppContext.BaseDirectory);

    public static string Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {SolutionFileName} in {startDirectory} or any folder above it.");
    }
}
