namespace Astrolabe.Nn;

/// <summary>
/// An element-wise activation layer that can overwrite its input with its output. <see cref="Sequential"/> does so
/// without a graph (inference) inside a <see cref="TensorArena"/> scope, on intermediate results of its own pass that
/// nothing else holds: one array and one pass over memory fewer per activation.
/// </summary>
internal interface IInPlaceActivation
{
    /// <summary>Replaces every element of <paramref name="data"/> by the activation of it.</summary>
    void ApplyInPlace(float[] data);
}
