namespace Astrolabe.Optim;

/// <summary>
/// Optimizers with <c>torch.optim</c>'s names, arguments and defaults, each built as a chain of gradient
/// transformations (optionally negate for <c>maximize</c>, L2 or decoupled weight decay, the algorithm's scaling,
/// then the learning rate). They reproduce PyTorch 1.13's trajectories. Attach clipping, penalties, a non-finite
/// guard, a schedule or gradient accumulation with the <c>With…</c> methods of <see cref="Optimizer"/>.
/// </summary>
public static partial class Optimizers
{
    /// <summary>Stochastic gradient descent, optionally with momentum, dampening and Nesterov momentum (<c>torch.optim.SGD</c>).</summary>
    public static Optimizer Sgd(IEnumerable<Parameter> parameters, double lr = 1e-3, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false, bool maximize = false)
    {
        var momentumStep = momentum == 0 && !nesterov ? null : new ScaleBySgdMomentum(momentum, dampening, nesterov);
        Check.NonNegative(momentum, nameof(momentum));
        return Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), momentumStep);
    }

    /// <summary>Adam (<c>torch.optim.Adam</c>); <paramref name="weightDecay"/> is L2 (added to the gradient), <paramref name="amsgrad"/> keeps the maximum second moment.</summary>
    public static Optimizer Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false, bool maximize = false) =>
        Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), new ScaleByAdam(beta1, beta2, eps, amsgrad));

    /// <summary>AdamW (Loshchilov and Hutter, 2019; <c>torch.optim.AdamW</c>): Adam with decoupled weight decay <c>w ← w(1 − lr·λ)</c>.</summary>
    public static Optimizer AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false, bool maximize = false) =>
        Build(parameters, lr, maximize, new ScaleByAdam(beta1, beta2, eps, amsgrad), new AddDecayedWeights(weightDecay));

    /// <summary>RMSprop (<c>torch.optim.RMSprop</c>), optionally centered and with momentum.</summary>
    public static Optimizer RmsProp(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false, bool maximize = false) =>
        Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), new ScaleByRmsProp(alpha, eps, centered, momentum));

    /// <summary>AdaGrad (<c>torch.optim.Adagrad</c>) with learning-rate decay and an initial accumulator.</summary>
    public static Optimizer AdaGrad(IEnumerable<Parameter> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10, bool maximize = false) =>
        Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), new ScaleByAdaGrad(lrDecay, initialAccumulatorValue, eps));

    /// <summary>Adadelta (<c>torch.optim.Adadelta</c>).</summary>
    public static Optimizer Adadelta(IEnumerable<Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0, bool maximize = false) =>
        Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), new ScaleByAdadelta(rho, eps));

    /// <summary>Builds <c>[negate if maximizing] → steps → ScaleByLearningRate(lr)</c> (null steps are left out).</summary>
    private static Optimizer Build(IEnumerable<Parameter> parameters, double lr, bool maximize, params IGradientTransformation?[] steps)
    {
        Check.LearningRate(lr);
        var chain = new List<IGradientTransformation>();
        if (maximize)
        {
            chain.Add(Scale.Maximize());
        }

        chain.AddRange(steps.OfType<IGradientTransformation>());
        chain.Add(new ScaleByLearningRate(lr));
        return new Optimizer(parameters, new Chain(chain));
    }
}
