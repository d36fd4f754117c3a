using System.Numerics;
using System.Numerics.Tensors;

namespace Astrolabe.Optim;

/// <summary>
/// The elastic-net penalty <c>P(w) = λ1·Σ|w| + (λ2/2)·Σw²</c>, with gradient <c>λ1·sign(w) + λ2·w</c>
/// (sign(0) = 0). L1 and L2 are its special cases; with this scaling an L2 penalty of λ equals weight decay λ.
/// </summary>
public sealed class ElasticNetPenalty : IPenalty
{
    private readonly Func<Parameter, bool>? appliesTo;

    /// <summary>Creates the penalty.</summary>
    /// <param name="l1">λ1 ≥ 0.</param>
    /// <param name="l2">λ2 ≥ 0.</param>
    /// <param name="appliesTo">Which parameters are penalized (all when null).</param>
    public ElasticNetPenalty(double l1, double l2, Func<Parameter, bool>? appliesTo = null)
    {
        L1 = Check.NonNegative(l1, nameof(l1));
        L2 = Check.NonNegative(l2, nameof(l2));
        this.appliesTo = appliesTo;
    }

    /// <summary>λ1, the coefficient of the L1 norm.</summary>
    public double L1 { get; }

    /// <summary>λ2, the coefficient of half the squared L2 norm.</summary>
    public double L2 { get; }

    /// <inheritdoc/>
    public bool AppliesTo(Parameter parameter) => appliesTo is null || appliesTo(parameter);

    /// <inheritdoc/>
    public double Value(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double sum = 0;
        foreach (var p in parameters.Where(AppliesTo))
        {
            sum += (L1 * Norms.SumOfPowers(p.Value, 1)) + (0.5 * L2 * Norms.SumOfSquares(p.Value));
        }

        return sum;
    }

    /// <inheritdoc/>
    public void AddGradient(ReadOnlySpan<float> values, Span<float> gradient)
    {
        if (values.Length != gradient.Length)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} elements but the values have {values.Length}.", nameof(gradient));
        }

        if (L2 != 0)
        {
            TensorPrimitives.MultiplyAdd(values, (float)L2, gradient, gradient);
        }

        if (L1 != 0)
        {
            AddScaledSign(values, (float)L1, gradient);
        }
    }

    /// <summary><c>gradient += l1 · sign(values)</c>, with sign(0) = 0 and a NaN value giving NaN (as torch.sign).</summary>
    private static void AddScaledSign(ReadOnlySpan<float> values, float l1, Span<float> gradient)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(l1);
            for (; j <= values.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var v = new Vector<float>(values[j..]);
                var sign = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
                    - Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
                sign = Vector.ConditionalSelect(Vector.Equals(v, v), sign, v);
                (new Vector<float>(gradient[j..]) + (scale * sign)).CopyTo(gradient[j..]);
            }
        }

        for (; j < values.Length; j++)
        {
            float v = values[j];
            gradient[j] += l1 * (float.IsNaN(v) ? v : v > 0 ? 1f : v < 0 ? -1f : 0f);
        }
    }

    /// <summary>Adds the penalty's gradient to the <see cref="Parameter.Grad"/> of each parameter it applies to.</summary>
    public void AddGradients(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters.Where(AppliesTo))
        {
            AddGradient(p.Value, p.Grad);
        }
    }
}
