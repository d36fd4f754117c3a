namespace Astrolabe.Nn;

/// <summary>
/// Where a direction's forward pass writes: its hidden units of the output rows [batch·time, stride] start at
/// <paramref name="Column"/>; final states go to [layers·directions, batch, hidden] at <paramref name="StateOffset"/>.
/// </summary>
internal readonly record struct RecurrentTargets(float[] Output, int Column, int Stride, float[] FinalHidden, float[]? FinalCell, int StateOffset);
