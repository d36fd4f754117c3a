namespace Astrolabe.Optim;

/// <summary>
/// An elementwise update that is computed only when it is needed, so that the last stateful transformation of a
/// chain can be fused with applying the result to the parameters (one pass over memory per step).
/// </summary>
/// <remarks>
/// <see cref="Produce"/> is called exactly once per deferral: it advances the transformation's state and writes
/// <c>dest = destScale·dest + outScale·u</c> (with <c>destScale = 0</c> meaning "overwrite without reading").
/// <c>dest</c> may be the parameter values or the array the update reads its input from; implementations must
/// therefore read and write element <c>j</c> only while computing element <c>j</c>.
/// </remarks>
public abstract class DeferredUpdate
{
    /// <summary>Computes the update and combines it into <paramref name="dest"/>.</summary>
    /// <param name="dest">The array written (parameter values or a work buffer).</param>
    /// <param name="destScale">The factor on the old contents of <paramref name="dest"/>; 0 overwrites.</param>
    /// <param name="outScale">The factor on the computed update.</param>
    public abstract void Produce(float[] dest, float destScale, float outScale);
}
