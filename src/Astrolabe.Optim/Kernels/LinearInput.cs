namespace Astrolabe.Optim;

/// <summary>
/// The updates of one parameter held lazily as <c>A·X + B·P</c>: an input array, a scale on it, and a multiple of the
/// parameter values. Scalar transformations (learning rate, clipping by norm, weight decay) only change
/// <see cref="A"/> and <see cref="B"/>, so they cost no pass over memory.
/// </summary>
/// <param name="X">The input array (the gradient or a work buffer); read-only.</param>
/// <param name="A">The factor on <paramref name="X"/>.</param>
/// <param name="B">The factor on the parameter values <paramref name="P"/>.</param>
/// <param name="P">The parameter values.</param>
public readonly record struct LinearInput(float[] X, float A, float B, float[] P)
{
    /// <summary>Element <paramref name="j"/> of <c>A·X + B·P</c>.</summary>
    public float this[int j] => B == 0f ? A * X[j] : (A * X[j]) + (B * P[j]);
}
