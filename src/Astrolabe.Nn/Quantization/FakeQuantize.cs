namespace Astrolabe.Nn;

/// <summary>
/// Quantisation-aware-training fake quantiser, like PyTorch 1.13's <c>torch.ao.quantization.FakeQuantize</c> with a
/// moving-average min/max observer: in training mode (with <see cref="ObserverEnabled"/>) each forward folds the
/// input's range into the running range, recomputes <see cref="Scale"/> and <see cref="ZeroPoint"/>, then
/// fake-quantises (<see cref="FakeQuant"/>); in evaluation mode it fake-quantises with the frozen parameters only.
/// </summary>
/// <remarks>
/// Unlike PyTorch, where only <c>disable_observer</c> stops observation, evaluation mode stops it too. The running
/// range, scale and zero point are float32 as PyTorch computes them (see <see cref="PerTensorAffine"/> and
/// <see cref="PerChannelSymmetric"/>) and are saved in checkpoints as buffers <c>scale</c>, <c>zero_point</c>,
/// <c>min_val</c>, <c>max_val</c>. Before the first observation the scale is 1 and the zero point 0.
/// </remarks>
public sealed class FakeQuantize : Module
{
    private readonly MovingAverageMinMax _observer;
    private readonly float[] _scale;
    private readonly float[] _zeroPoint;

    private FakeQuantize(int channels, int axis, bool symmetric, int quantMin, int quantMax, float averagingConstant)
    {
        QuantArguments.Require(quantMin, quantMax);
        if (!(averagingConstant > 0 && averagingConstant <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(averagingConstant), averagingConstant, "The averaging constant must be in (0, 1].");
        }

        QuantMin = quantMin;
        QuantMax = quantMax;
        Axis = axis < 0 ? null : axis;
        IsSymmetric = symmetric;
        AveragingConstant = averagingConstant;
        _observer = new MovingAverageMinMax(channels, axis, averagingConstant);
        _scale = new float[channels];
        Array.Fill(_scale, 1f);
        _zeroPoint = new float[channels];
        Scale = Array.AsReadOnly(_scale);
        ObservedMin = Array.AsReadOnly(_observer.Min);
        ObservedMax = Array.AsReadOnly(_observer.Max);
    }

    /// <summary>
    /// One scale and zero point for the whole tensor, affine (PyTorch's default activation fake quantiser, uint8
    /// 0 … 255): the observed range is widened to include 0, <c>scale = max((max − min) / (quantMax − quantMin), ε)</c>
    /// with ε = 2⁻²³ (so an all-zero input gives scale ε, not a division by zero) and
    /// <c>zeroPoint = clamp(quantMin − round(min / scale))</c>, rounding half to even.
    /// </summary>
    /// <param name="quantMin">The lowest level.</param>
    /// <param name="quantMax">The highest level (at most 2¹⁶ levels within −32,768 … 65,535), a range holding 0.</param>
    /// <param name="averagingConstant">The moving-average weight of each new batch's range, in (0, 1] (PyTorch: 0.01).</param>
    /// <returns>The fake quantiser, in training mode.</returns>
    /// <exception cref="ArgumentException">A range outside the limits above.</exception>
    public static FakeQuantize PerTensorAffine(int quantMin = 0, int quantMax = 255, float averagingConstant = 0.01f)
    {
        RequireHoldsZero(quantMin, quantMax);
        return new FakeQuantize(1, -1, symmetric: false, quantMin, quantMax, averagingConstant);
    }

    /// <summary>
    /// One scale per index of <paramref name="axis"/>, symmetric (PyTorch's default QAT weight fake quantiser, qint8
    /// −128 … 127 per output channel): <c>scale = max(max(|min|, |max|) / ((quantMax − quantMin) / 2), ε)</c>,
    /// zero point 0.
    /// </summary>
    /// <param name="channels">The size of <paramref name="axis"/> in every input (fixed, so checkpoints fit).</param>
    /// <param name="axis">The channel dimension (0 for Linear and Conv2d weights).</param>
    /// <param name="quantMin">The lowest level, negative.</param>
    /// <param name="quantMax">The highest level, positive (at most 2¹⁶ levels within −32,768 … 65,535).</param>
    /// <param name="averagingConstant">The moving-average weight of each new batch's range, in (0, 1] (PyTorch: 0.01).</param>
    /// <returns>The fake quantiser, in training mode.</returns>
    /// <exception cref="ArgumentException">A range outside the limits above.</exception>
    public static FakeQuantize PerChannelSymmetric(int channels, int axis = 0, int quantMin = -128, int quantMax = 127, float averagingConstant = 0.01f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegative(axis);
        if (quantMin >= 0 || quantMax <= 0)
        {
            throw new ArgumentException($"A symmetric range must be signed around 0, got [{quantMin}, {quantMax}].", nameof(quantMin));
        }

        return new FakeQuantize(channels, axis, symmetric: true, quantMin, quantMax, averagingConstant);
    }

    /// <summary>The lowest level.</summary>
    public int QuantMin { get; }

    /// <summary>The highest level.</summary>
    public int QuantMax { get; }

    /// <summary>The channel dimension, or null for one scale over the whole tensor.</summary>
    public int? Axis { get; }

    /// <summary>Whether the zero point is fixed at 0 and the scale covers ±max(|min|, |max|).</summary>
    public bool IsSymmetric { get; }

    /// <summary>The moving-average weight of each new batch's range.</summary>
    public float AveragingConstant { get; }

    /// <summary>Whether training-mode forwards observe their input (PyTorch's <c>observer_enabled</c>); true initially.</summary>
    public bool ObserverEnabled { get; set; } = true;

    /// <summary>Whether forwards fake-quantise (PyTorch's <c>fake_quant_enabled</c>); when false the input passes unchanged.</summary>
    public bool FakeQuantEnabled { get; set; } = true;

    /// <summary>The current scales: one, or one per channel (a live view).</summary>
    public IReadOnlyList<float> Scale { get; }

    /// <summary>The current zero points: one, or one per channel (a copy).</summary>
    public IReadOnlyList<int> ZeroPoint => ZeroPoints();

    /// <summary>The running minima (+∞ before the first observation; a live view).</summary>
    public IReadOnlyList<float> ObservedMin { get; }

    /// <summary>The running maxima (−∞ before the first observation; a live view).</summary>
    public IReadOnlyList<float> ObservedMax { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A per-channel input whose axis is missing or has another size.</exception>
    public override Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Axis is int axis && (axis >= x.Rank || x.Dim(axis) != _scale.Length))
        {
            throw new ArgumentException(
                $"{Name}: expected {_scale.Length} channels along dimension {axis}, got {Shapes.Format(x.ShapeSpan)}.", nameof(x));
        }

        if (IsTraining && ObserverEnabled)
        {
            _observer.Observe(x);
            UpdateQParams();
        }

        if (!FakeQuantEnabled)
        {
            return x;
        }

        return Axis is int a
            ? FakeQuant.FakeQuantizePerChannelAffine(x, _scale, ZeroPoints(), a, QuantMin, QuantMax)
            : FakeQuant.FakeQuantizePerTensorAffine(x, _scale[0], (int)_zeroPoint[0], QuantMin, QuantMax);
    }

    /// <inheritdoc />
    protected override IEnumerable<(string Name, float[] Buffer)> OwnBuffers() =>
        [("scale", _scale), ("zero_point", _zeroPoint), ("min_val", _observer.Min), ("max_val", _observer.Max)];

    private static void RequireHoldsZero(int quantMin, int quantMax)
    {
        if (quantMin > 0 || quantMax < 0)
        {
            throw new ArgumentException($"An affine range must hold the zero point 0 of an unobserved quantiser, got [{quantMin}, {quantMax}].", nameof(quantMin));
        }
    }

    private void UpdateQParams()
    {
        for (int c = 0; c < _scale.Length; c++)
        {
            var (scale, zeroPoint) = IsSymmetric
                ? QParams.Symmetric(_observer.Min[c], _observer.Max[c], QuantMin, QuantMax)
                : QParams.Affine(_observer.Min[c], _observer.Max[c], QuantMin, QuantMax);
            _scale[c] = scale;
            _zeroPoint[c] = zeroPoint;
        }
    }

    private int[] ZeroPoints()
    {
        var z = new int[_zeroPoint.Length];
        for (int c = 0; c < z.Length; c++)
        {
            z[c] = (int)_zeroPoint[c];
        }

        return z;
    }
}
