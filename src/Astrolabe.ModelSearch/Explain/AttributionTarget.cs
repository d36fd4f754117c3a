namespace Astrolabe.ModelSearch;

/// <summary>
/// The scalar output an attribution explains, <c>f(x)</c>: for a classifier the logit (default) or the softmax
/// probability of one class; for a regression model its prediction in the target's units.
/// </summary>
/// <param name="Class">The class to explain; null means the class the model predicts for the explained sample.</param>
/// <param name="Probability">Explain the class's softmax probability instead of its logit (classifiers only).</param>
public sealed record AttributionTarget(int? Class = null, bool Probability = false)
{
    /// <summary>The logit of the predicted class.</summary>
    public static AttributionTarget Predicted { get; } = new();

    /// <summary>Checks the target against a model.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="ArgumentException">The class is not one of the model's, or a class or probability is asked of a regression model.</exception>
    public void Validate(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsClassification && (Class is not null || Probability))
        {
            throw new ArgumentException($"The model predicts a value ('{model.TaskName}' is regression); a class or probability applies to classifiers only.");
        }

        if (Class is { } c && (c < 0 || c >= model.Outputs))
        {
            throw new ArgumentException($"Class {c} is out of range: the model has {model.Outputs} classes (0–{model.Outputs - 1}).");
        }
    }
}
