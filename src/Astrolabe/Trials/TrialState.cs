namespace Astrolabe;

/// <summary>The life cycle of a trial. Complete, Pruned and Fail are final: a finished trial never changes again.</summary>
public enum TrialState
{
    /// <summary>Being evaluated by a worker.</summary>
    Running = 0,

    /// <summary>Finished with objective values.</summary>
    Complete = 1,

    /// <summary>Stopped early by a pruner; its value is the last reported intermediate value, if any.</summary>
    Pruned = 2,

    /// <summary>Failed: the objective threw, returned NaN or ±∞, or its worker died.</summary>
    Fail = 3,

    /// <summary>Enqueued with fixed parameters, waiting for a worker to claim it.</summary>
    Waiting = 4,
}

/// <summary>Helpers on <see cref="TrialState"/>.</summary>
public static class TrialStateExtensions
{
    /// <summary>True for Complete, Pruned and Fail.</summary>
    public static bool IsFinished(this TrialState state) => state is TrialState.Complete or TrialState.Pruned or TrialState.Fail;
}
