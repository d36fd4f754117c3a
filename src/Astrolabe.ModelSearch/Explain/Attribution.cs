namespace Astrolabe.ModelSearch;

/// <summary>
/// How much each input value of one sample contributes to the explained output <c>f(x)</c> (see
/// <see cref="AttributionTarget"/>), in the units of that output, one value per raw input (same layout as the sample).
/// </summary>
/// <param name="Method">The method that computed it (e.g. "integrated-gradients").</param>
/// <param name="Values">One attribution per input value, row-major in <paramref name="SampleShape"/>.</param>
/// <param name="SampleShape">The sample's shape: <c>[features]</c> or <c>[channels, height, width]</c>.</param>
/// <param name="TargetClass">The class explained, or null for a regression model.</param>
/// <param name="Output">The explained output at the sample, <c>f(x)</c>.</param>
/// <param name="BaselineOutput">The output at the baseline, <c>f(x′)</c>, for methods that have one; else null.</param>
public sealed record Attribution(string Method, double[] Values, int[] SampleShape, int? TargetClass, double Output, double? BaselineOutput)
{
    /// <summary>The sum of all attributions.</summary>
    public double Sum => Values.Sum();

    /// <summary>
    /// For methods with a baseline, how far the attributions miss completeness: <c>Σ attributions − (f(x) − f(x′))</c>,
    /// which integrated gradients make zero up to the integration error; else null.
    /// </summary>
    public double? CompletenessGap => BaselineOutput is { } b ? Sum - (Output - b) : null;

    /// <summary>
    /// <see cref="CompletenessGap"/> relative to <c>|f(x) − f(x′)|</c> (0.01 is 1 %); null without a baseline or
    /// when the output does not change between the baseline and the sample.
    /// </summary>
    public double? RelativeCompletenessError => BaselineOutput is { } b && Math.Abs(Output - b) > 1e-12 ? Math.Abs(Sum - (Output - b)) / Math.Abs(Output - b) : null;

    /// <summary>The indices of the input values with the largest absolute attributions, largest first.</summary>
    /// <param name="count">How many (at most).</param>
    /// <returns>The indices.</returns>
    public IReadOnlyList<int> Top(int count) =>
        [.. Enumerable.Range(0, Values.Length).OrderByDescending(i => Math.Abs(Values[i])).ThenBy(i => i).Take(Math.Max(0, count))];
}
