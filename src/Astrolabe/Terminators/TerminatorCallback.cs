using Microsoft.Extensions.Logging;

namespace Astrolabe;

/// <summary>
/// A callback for <see cref="OptimizeOptions.Callback"/> (Optuna's <c>TerminatorCallback</c>) that stops the study
/// (<see cref="Study.Stop"/>) after a trial when its <see cref="Terminator"/> says further trials are not worth it; the
/// trials running at that moment finish. Use it as <c>callback: new TerminatorCallback().Invoke</c>.
/// </summary>
public sealed class TerminatorCallback
{
    /// <summary>Uses <paramref name="terminator"/>, or a default <see cref="Terminator"/>.</summary>
    public TerminatorCallback(Terminator? terminator = null) => Terminator = terminator ?? new Terminator();

    /// <summary>The terminator consulted after each trial.</summary>
    public Terminator Terminator { get; }

    /// <summary>Stops <paramref name="study"/> when the terminator says so; its errors pass on (and end the run).</summary>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trial);
        if (Terminator.ShouldTerminate(study))
        {
            study.Logger.LogInformation("The terminator stopped study {Study} after trial {Number}.", study.StudyName, trial.Number);
            study.Stop();
        }
    }
}
