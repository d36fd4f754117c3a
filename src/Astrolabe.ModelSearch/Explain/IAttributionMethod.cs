namespace Astrolabe.ModelSearch;

/// <summary>
/// A local explanation: attributes one sample's output to its input values (<see cref="IntegratedGradients"/>,
/// <see cref="GradientSaliency"/>). Implementations leave the model's weights, gradients and mode as they found them
/// apart from leaving it in evaluation mode; they are not safe to run on one model from several threads at once.
/// </summary>
public interface IAttributionMethod
{
    /// <summary>The method's name as the command line spells it (e.g. "integrated-gradients").</summary>
    string Name { get; }

    /// <summary>Explains one raw (unscaled) sample.</summary>
    /// <param name="model">The model.</param>
    /// <param name="sample">The sample's raw values (<see cref="TrainedModel.SampleSize"/> of them).</param>
    /// <param name="target">The output to explain.</param>
    /// <returns>The attribution.</returns>
    /// <exception cref="ArgumentException">The sample's size does not match the model, or the target does not fit it.</exception>
    Attribution Explain(TrainedModel model, ReadOnlySpan<float> sample, AttributionTarget target);
}
