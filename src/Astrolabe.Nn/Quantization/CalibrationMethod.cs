namespace Astrolabe.Nn;

/// <summary>How calibration turns the activations it sees into a quantisation range.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen (PyTorch's <c>MinMaxObserver</c>, ONNX Runtime's MinMax): no clipping.</summary>
    MinMax,

    /// <summary>
    /// A histogram of every value seen, clipped at the <see cref="QuantizationOptions.Percentile"/> percentile at each
    /// end (ONNX Runtime's Percentile calibration): a few outliers no longer stretch the step of all other values.
    /// </summary>
    Histogram,
}
