namespace Astrolabe.Optim;

/// <summary>
/// A regularization term <c>P(w)</c> of the objective <c>J(w) = Σ L + P(w)</c>, with its gradient, over the
/// parameters it applies to.
/// </summary>
public interface IPenalty
{
    /// <summary>Whether the penalty applies to a parameter (e.g. weights but not biases).</summary>
    bool AppliesTo(Parameter parameter);

    /// <summary><c>P(w)</c> summed over the parameters it applies to, for adding to the loss.</summary>
    double Value(IEnumerable<Parameter> parameters);

    /// <summary>Adds <c>∂P/∂w</c> of one parameter's values to <paramref name="gradient"/>.</summary>
    void AddGradient(ReadOnlySpan<float> values, Span<float> gradient);
}
