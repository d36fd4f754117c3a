using Astrolabe.Nn;

namespace Astrolabe.ModelSearch;

/// <summary>
/// A model seen as the scalar function an attribution explains: the output of one class (logit or softmax
/// probability) or the regression value, in raw-input coordinates. <see cref="Evaluate"/> returns its values and its
/// gradients with respect to the raw inputs (the chain rule through the preprocessing: d/dx = d/dx′ / scale), rows
/// in batches of <see cref="BatchRows"/> so that a long integration path does not hold every activation at once.
/// </summary>
internal sealed class ModelFunction
{
    private const int BatchRows = 64;
    private readonly TrainedModel _model;
    private readonly AttributionTarget _target;

    public ModelFunction(TrainedModel model, AttributionTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        target.Validate(model);
        if (model.Quantized is not null)
        {
            throw new ArgumentException("Gradient attributions need an fp32 model; this one is int8. Explain the fp32 model it was quantised from.", nameof(model));
        }

        _model = model;
        _target = target;
    }

    /// <summary>Checks a sample's size against the model.</summary>
    public void RequireSample(ReadOnlySpan<float> sample)
    {
        if (sample.Length != _model.SampleSize)
        {
            throw new ArgumentException($"The model takes samples of {_model.SampleSize} values ({string.Join('×', _model.InputShape)}); got {sample.Length}.");
        }
    }

    /// <summary>
    /// The function's value and raw-input gradient for each of the rows of <paramref name="raw"/>. The class is
    /// <paramref name="fixedClass"/>, else the target's, else each row's predicted class.
    /// </summary>
    public (double[] Values, float[] Gradients, int[] Classes) Evaluate(ReadOnlySpan<float> raw, int? fixedClass = null)
    {
        int size = _model.SampleSize;
        int n = raw.Length / size;
        var values = new double[n];
        var gradients = new float[raw.Length];
        var classes = new int[n];
        _model.Network.Eval();
        for (int start = 0; start < n; start += BatchRows)
        {
            int rows = Math.Min(BatchRows, n - start);
            var x = new float[rows * size];
            _model.Preprocessing.ApplyFeatures(raw.Slice(start * size, rows * size), x, size);
            var (_, g) = InputGradient.Compute(_model.Network, new Tensor(x, [rows, .. _model.InputShape]), output =>
                OutputGradient(output.Data, rows, fixedClass ?? _target.Class, values, classes, start));
            for (int i = 0; i < g.Length; i++)
            {
                gradients[(start * size) + i] = g[i] / Scale(i % size);
            }
        }

        return (values, gradients, classes);
    }

    private float Scale(int feature)
    {
        var s = _model.Preprocessing.Scale;
        return s[s.Length == 1 ? 0 : feature];
    }

    /// <summary>d f / d output for each row; writes the values of f and the classes explained from index <paramref name="first"/> on.</summary>
    private float[] OutputGradient(float[] output, int rows, int? fixedClass, double[] values, int[] classes, int first)
    {
        int k = _model.Outputs;
        var g = new float[output.Length];
        for (int r = 0; r < rows; r++)
        {
            var row = output.AsSpan(r * k, k);
            if (!_model.IsClassification)
            {
                values[first + r] = _model.Preprocessing.UnscaleTarget(row[0]);
                g[r * k] = _model.Preprocessing.TargetScale;
                continue;
            }

            int c = fixedClass ?? TrainedModel.IndexOfMax(row);
            classes[first + r] = c;
            if (!_target.Probability)
            {
                values[first + r] = row[c];
                g[(r * k) + c] = 1;
                continue;
            }

            // d p_c / d z_j = p_c (δ_cj − p_j)
            var p = Softmax(row);
            values[first + r] = p[c];
            for (int j = 0; j < k; j++)
            {
                g[(r * k) + j] = (float)(p[c] * ((j == c ? 1 : 0) - p[j]));
            }
        }

        return g;
    }

    private static double[] Softmax(ReadOnlySpan<float> z)
    {
        float max = z[TrainedModel.IndexOfMax(z)];
        var p = new double[z.Length];
        double sum = 0;
        for (int j = 0; j < z.Length; j++)
        {
            p[j] = Math.Exp(z[j] - max);
            sum += p[j];
        }

        for (int j = 0; j < z.Length; j++)
        {
            p[j] /= sum;
        }

        return p;
    }
}
