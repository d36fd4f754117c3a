namespace Astrolabe;

/// <summary>
/// Hyperband's brackets for one maximum resource: bracket i is a successive-halving pruner whose first rung
/// sits at MinResource · ReductionFactor^i, and receives a share of the trials proportional to Optuna's
/// budget ⌈n · η^s / (s + 1)⌉ with s = n − 1 − i. A trial's bracket is CRC-32("{study}_{number}") modulo the
/// total budget, so it depends only on the study's name and the trial's number.
/// </summary>
internal sealed class Brackets
{
    private readonly int[] budgets;
    private readonly int totalBudget;
    private readonly SuccessiveHalvingPruner[] pruners;

    public Brackets(int minResource, long maxResource, int reductionFactor, int bootstrapCount)
    {
        int n = Math.Max(1, (int)Math.Floor(Math.Log(maxResource / (double)minResource) / Math.Log(reductionFactor)) + 1);
        budgets = new int[n];
        pruners = new SuccessiveHalvingPruner[n];
        for (int i = 0; i < n; i++)
        {
            int s = n - 1 - i;
            budgets[i] = (int)Math.Ceiling(n * Math.Pow(reductionFactor, s) / (s + 1));
            totalBudget += budgets[i];
            pruners[i] = new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions
            {
                MinResource = minResource,
                ReductionFactor = reductionFactor,
                MinEarlyStoppingRate = i,
                BootstrapCount = bootstrapCount,
            });
        }
    }

    public int Count => pruners.Length;

    public SuccessiveHalvingPruner Pruner(int bracket) => pruners[bracket];

    public int BracketOf(string studyName, int trialNumber)
    {
        long n = Crc32.Compute($"{studyName}_{trialNumber}") % (uint)totalBudget;
        for (int i = 0; i < budgets.Length; i++)
        {
            n -= budgets[i];
            if (n < 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Unreachable: the budgets sum to the total.");
    }
}
