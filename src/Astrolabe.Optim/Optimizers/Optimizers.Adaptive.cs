namespace Astrolabe.Optim;

/// <summary>Adamax, NAdam, RAdam, SparseAdam, Lion, LAMB and LARS.</summary>
public static partial class Optimizers
{
    /// <summary>Adamax (<c>torch.optim.Adamax</c>), Adam with the infinity norm.</summary>
    public static Optimizer Adamax(IEnumerable<Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool maximize = false) =>
        Build(parameters, lr, maximize, new AddDecayedWeights(weightDecay), new ScaleByAdamax(beta1, beta2, eps));

    /// <summary>NAdam (<c>torch.optim.NAdam</c>), Adam with Nesterov momentum and momentum decay.</summary>
    public static Optimizer NAdam(IEnumerable<Parameter> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3) =>
        Build(parameters, lr, false, new AddDecayedWeights(weightDecay), new ScaleByNAdam(beta1, beta2, eps, momentumDecay));

    /// <summary>RAdam (<c>torch.optim.RAdam</c>), Adam with variance rectification.</summary>
    public static Optimizer RAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0) =>
        Build(parameters, lr, false, new AddDecayedWeights(weightDecay), new ScaleByRAdam(beta1, beta2, eps));

    /// <summary>
    /// SparseAdam (<c>torch.optim.SparseAdam</c>) for parameters with row-sparse gradients (embeddings built with
    /// sparse gradients): only the rows a step touched have their moments and values updated.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter has a dense gradient (use <see cref="Adam"/> for it, or a <see cref="Masked"/> chain).</exception>
    public static Optimizer SparseAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameter[] list = [.. parameters];
        if (list.FirstOrDefault(p => p.SparseGrad is null) is { } dense)
        {
            throw new ArgumentException($"SparseAdam: parameter '{dense.Name}' has a dense gradient; SparseAdam updates row-sparse gradients only (use Adam for it).", nameof(parameters));
        }

        return Build(list, lr, false, new ScaleBySparseAdam(beta1, beta2, eps));
    }

    /// <summary>Lion (Chen et al., 2023): the sign of interpolated momentum, with decoupled weight decay.</summary>
    public static Optimizer Lion(IEnumerable<Parameter> parameters, double lr = 1e-4, double beta1 = 0.9, double beta2 = 0.99, double weightDecay = 0, bool maximize = false) =>
        Build(parameters, lr, maximize, new ScaleByLion(beta1, beta2), new AddDecayedWeights(weightDecay));

    /// <summary>
    /// LAMB (You et al., 2020): Adam's bias-corrected ratio plus decoupled weight decay, scaled per parameter by the
    /// trust ratio <c>‖w‖/‖r‖</c>; for large batches.
    /// </summary>
    public static Optimizer Lamb(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-6, double weightDecay = 0, bool maximize = false) =>
        Build(parameters, lr, maximize, new ScaleByAdam(beta1, beta2, eps), new AddDecayedWeights(weightDecay), new ScaleByTrustRatio());

    /// <summary>
    /// LARS (You et al., 2017): the gradient plus weight decay, scaled per parameter by
    /// <c>η·‖w‖/(‖g + λw‖ + ε)</c> and the learning rate, then heavy-ball momentum; for large batches.
    /// </summary>
    public static Optimizer Lars(IEnumerable<Parameter> parameters, double lr = 1.0, double momentum = 0.9, double weightDecay = 0, double trustCoefficient = 1e-3, double eps = 0, bool nesterov = false)
    {
        Check.LearningRate(lr);
        var chain = new Chain(
            new AddDecayedWeights(weightDecay),
            new ScaleByTrustRatio(trustCoefficient, eps),
            new ScaleByLearningRate(lr),
            momentum == 0 ? new Scale(1) : new ScaleBySgdMomentum(momentum, 0, nesterov));
        return new Optimizer(parameters, chain);
    }
}
