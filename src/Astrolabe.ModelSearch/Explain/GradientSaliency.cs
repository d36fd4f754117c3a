namespace Astrolabe.ModelSearch;

/// <summary>
/// Plain gradient saliency (Simonyan, Vedaldi and Zisserman 2014): the gradient <c>∂f/∂x_i</c> at the sample,
/// with respect to the raw inputs, signed (take its magnitude for the classic saliency map). It says how fast the
/// output moves with each input there, not how much each input contributed, so it has no completeness property.
/// </summary>
public sealed class GradientSaliency : IAttributionMethod
{
    /// <inheritdoc />
    public string Name => "saliency";

    /// <inheritdoc />
    public Attribution Explain(TrainedModel model, ReadOnlySpan<float> sample, AttributionTarget target)
    {
        var f = new ModelFunction(model, target);
        f.RequireSample(sample);
        var (values, gradients, classes) = f.Evaluate(sample);
        return new Attribution(Name, Array.ConvertAll(gradients, g => (double)g), [.. model.InputShape], model.IsClassification ? classes[0] : null, values[0], null);
    }
}
