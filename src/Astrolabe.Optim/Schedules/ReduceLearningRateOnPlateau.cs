namespace Astrolabe.Optim;

/// <summary>
/// Multiplies an optimizer's learning rate by <c>factor</c> when a metric stops improving, like
/// <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>: after more than <c>patience</c> steps without improvement
/// (relative or absolute threshold), then waits <c>cooldown</c> steps; never below <c>minLr</c>.
/// </summary>
/// <remarks>
/// It writes <see cref="Optimizer.LearningRate"/>, which the chain's learning-rate transformation holds: under a
/// constant rate a reduction lasts; a schedule in the chain replaces it when its own value next changes.
/// </remarks>
public sealed class ReduceLearningRateOnPlateau
{
    private const double Eps = 1e-8;
    private readonly Optimizer optimizer;
    private readonly PlateauOptions options;
    private int badSteps;
    private int cooldownLeft;

    /// <summary>Attaches to an optimizer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">factor not in [0, 1), or a negative patience, cooldown, threshold or minimum rate.</exception>
    public ReduceLearningRateOnPlateau(Optimizer optimizer, PlateauOptions? options = null)
    {
        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        this.options = options ?? new PlateauOptions();
        Check.Beta(this.options.Factor, nameof(PlateauOptions.Factor));
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.Patience, nameof(PlateauOptions.Patience));
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.Cooldown, nameof(PlateauOptions.Cooldown));
        Check.NonNegative(this.options.Threshold, nameof(PlateauOptions.Threshold));
        Check.NonNegative(this.options.MinLearningRate, nameof(PlateauOptions.MinLearningRate));
        Best = this.options.Maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The best metric seen.</summary>
    public double Best { get; private set; }

    /// <summary>Records the metric of one step (e.g. a validation loss) and reduces the rate on a plateau.</summary>
    /// <exception cref="ArgumentException">The metric is NaN.</exception>
    public void Step(double metric)
    {
        if (double.IsNaN(metric))
        {
            throw new ArgumentException("The metric is NaN.", nameof(metric));
        }

        if (IsBetter(metric))
        {
            Best = metric;
            badSteps = 0;
        }
        else
        {
            badSteps++;
        }

        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            badSteps = 0;
        }

        if (badSteps > options.Patience)
        {
            double old = optimizer.LearningRate;
            double reduced = Math.Max(old * options.Factor, options.MinLearningRate);
            if (old - reduced > Eps)
            {
                optimizer.LearningRate = reduced;
            }

            cooldownLeft = options.Cooldown;
            badSteps = 0;
        }
    }

    private bool IsBetter(double x) => (options.Maximize, options.RelativeThreshold) switch
    {
        (false, true) => x < Best * (1 - options.Threshold),
        (false, false) => x < Best - options.Threshold,
        (true, true) => x > Best * (1 + options.Threshold),
        (true, false) => x > Best + options.Threshold,
    };
}
