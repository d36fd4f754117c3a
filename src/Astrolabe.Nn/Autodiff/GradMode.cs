namespace Astrolabe.Nn;

/// <summary>
/// Switches graph recording on and off for the current thread. Inside <see cref="NoGrad"/> operations compute values
/// only, which is faster and keeps no references for a backward pass (evaluation, inference).
/// </summary>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>Whether operations on the current thread record the graph.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Disables graph recording until the returned scope is disposed (scopes nest).</summary>
    /// <returns>The scope; dispose it to restore recording.</returns>
    public static IDisposable NoGrad()
    {
        t_disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                t_disabledDepth--;
            }
        }
    }
}
