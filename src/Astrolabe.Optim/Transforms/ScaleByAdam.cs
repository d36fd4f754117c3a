namespace Astrolabe.Optim;

/// <summary>
/// Scales updates by Adam's bias-corrected moment ratio <c>m̂ / (√v̂ + ε)</c> (Kingma and Ba, 2015), optionally
/// with AMSGrad's running maximum of <c>v</c> (Reddi et al., 2018), exactly as <c>torch.optim.Adam</c> computes it.
/// </summary>
/// <remarks>
/// The update is deferred: when it is the last elementwise transformation of a chain, computing it and applying
/// it to the parameters is one fused SIMD pass (read p, g, m, v; write p, m, v). State: buffers <c>"m"</c>, <c>"v"</c> (and
/// <c>"v_max"</c> with AMSGrad), scalar <c>"count"</c>.
/// </remarks>
public sealed class ScaleByAdam : IGradientTransformation
{
    private readonly double beta1;
    private readonly double beta2;
    private readonly double eps;
    private readonly bool amsgrad;

    /// <summary>Creates the transformation.</summary>
    /// <param name="beta1">The decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator, ≥ 0.</param>
    /// <param name="amsgrad">Whether to use the running maximum of the second moment.</param>
    public ScaleByAdam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, bool amsgrad = false)
    {
        this.beta1 = Check.Beta(beta1, nameof(beta1));
        this.beta2 = Check.Beta(beta2, nameof(beta2));
        this.eps = Check.NonNegative(eps, nameof(eps));
        this.amsgrad = amsgrad;
    }

    /// <inheritdoc/>
    public TransformState Init(IReadOnlyList<Parameter> parameters) => new(parameters, amsgrad ? [M, V, VMax] : [M, V], [ScalarSlot.Count]);

    private static BufferSlot M { get; } = new("m");

    private static BufferSlot V { get; } = new("v");

    private static BufferSlot VMax { get; } = new("v_max");

    /// <inheritdoc/>
    public void Update(UpdateContext context, TransformState state)
    {
        long t = state.Increment(ScalarSlot.Count);
        var c = new AdamCoefficients(
            (float)beta1,
            (float)(1 - beta1),
            (float)beta2,
            (float)(1 - beta2),
            (float)(1 / (1 - Math.Pow(beta1, t))),
            (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, t))),
            (float)eps);
        // One reusable deferral per parameter, kept with the state: a step allocates no update objects.
        var deferrals = state.Reusable as Deferred[] ?? CreateDeferrals(state);
        for (int i = 0; i < context.Count; i++)
        {
            var d = deferrals[i];
            d.Arm(context.Input(i), c);
            context.Defer(i, d);
        }
    }

    private Deferred[] CreateDeferrals(TransformState state)
    {
        var deferrals = new Deferred[state.ParameterCount];
        for (int i = 0; i < deferrals.Length; i++)
        {
            deferrals[i] = new Deferred(state.Buffer(M, i), state.Buffer(V, i), amsgrad ? state.Buffer(VMax, i) : null);
        }

        state.Reusable = deferrals;
        return deferrals;
    }

    /// <summary>
    /// Adam's pass for one parameter. <see cref="Arm"/> sets the step's input and coefficients; <see cref="Produce"/>
    /// runs once per arming (as every deferral), small buffers inline, large ones through a delegate made once.
    /// </summary>
    private sealed class Deferred(float[] m, float[] v, float[]? vmax) : DeferredUpdate
    {
        private LinearInput input;
        private AdamCoefficients c;
        private float[]? dest;
        private float destScale;
        private float outScale;
        private Action<int, int>? range;

        public void Arm(LinearInput input, AdamCoefficients c)
        {
            this.input = input;
            this.c = c;
        }

        public override void Produce(float[] dest, float destScale, float outScale)
        {
            if (!ParallelRange.IsParallel(m.Length))
            {
                AdamKernel.Run(input, m, v, vmax, c, dest, destScale, outScale, 0, m.Length);
                return;
            }

            this.dest = dest;
            this.destScale = destScale;
            this.outScale = outScale;
            ParallelRange.For(m.Length, range ??= Range);
            this.dest = null;
        }

        private void Range(int start, int end) => AdamKernel.Run(input, m, v, vmax, c, dest!, destScale, outScale, start, end);
    }
}
