namespace Astrolabe;

/// <summary>Names of the system attributes Astrolabe itself writes on trials.</summary>
public static class SystemAttrKeys
{
    /// <summary>Parameters an enqueued trial must use (a dictionary name → value).</summary>
    public const string FixedParams = "fixed_params";

    /// <summary>
    /// The prefix of the attributes that hold a multi-objective trial's intermediate values, one per step:
    /// <c>intermediate_values:{step}</c> → the list of values (<see cref="Trial.Report(IReadOnlyList{double}, long)"/>).
    /// </summary>
    public const string IntermediateValuesPrefix = "intermediate_values:";

    /// <summary>Why a trial failed: the exception's type and message, or the bad value.</summary>
    public const string FailReason = "fail_reason";

    /// <summary>The index of the grid point a <see cref="GridSampler"/> trial evaluates.</summary>
    public const string GridId = "grid_id";

    /// <summary>On a retried trial: the number of the failed trial it repeats.</summary>
    public const string FailedTrial = "failed_trial";

    /// <summary>On a retried trial: the numbers of all earlier attempts, oldest first.</summary>
    public const string RetryHistory = "retry_history";

    /// <summary>
    /// The worker (machine and process id, <c>host:pid</c>) that created or claimed a trial with a heartbeat,
    /// written in the same atomic step (PostgreSQL), so that a trial failed because its worker died names it.
    /// </summary>
    public const string Worker = "worker";
}
