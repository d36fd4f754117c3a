namespace Astrolabe.Nn.Data;

/// <summary>A mini-batch: inputs [B, ...sample shape] and either class labels or a targets tensor [B, width].</summary>
/// <param name="Inputs">The inputs.</param>
/// <param name="Labels">Class indices, or null.</param>
/// <param name="Targets">Targets [B, width], or null.</param>
public sealed record Batch(Tensor Inputs, int[]? Labels, Tensor? Targets)
{
    /// <summary>The number of samples.</summary>
    public int Size => Inputs.Dim(0);

    /// <summary>Copies the samples at <paramref name="indices"/> into a new batch.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="indices">The sample indices.</param>
    /// <returns>The batch.</returns>
    public static Batch Gather(Dataset data, ReadOnlySpan<int> indices) => Gather(data, indices, scoped: false);

    /// <summary>
    /// Copies the samples at <paramref name="indices"/> into a batch whose arrays come from the open
    /// <see cref="TensorArena"/> scope when <paramref name="scoped"/> (they are the arena's once it closes).
    /// </summary>
    internal static Batch Gather(Dataset data, ReadOnlySpan<int> indices, bool scoped)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = indices.Length, size = data.SampleSize, w = data.TargetWidth;
        var x = scoped ? TensorMemory.Output(n * size) : new float[n * size];
        int[]? labels = data.Labels is null ? null : scoped ? TensorMemory.OutputInts(n) : new int[n];
        float[]? targets = data.Targets is null ? null : scoped ? TensorMemory.Output(n * w) : new float[n * w];
        for (int i = 0; i < n; i++)
        {
            int s = indices[i];
            data.Features.AsSpan(s * size, size).CopyTo(x.AsSpan(i * size));
            if (labels is not null)
            {
                labels[i] = data.Labels![s];
            }

            if (targets is not null)
            {
                data.Targets.AsSpan(s * w, w).CopyTo(targets.AsSpan(i * w));
            }
        }

        return new Batch(
            new Tensor(x, [n, .. data.SampleShape]),
            labels,
            targets is null ? null : new Tensor(targets, [n, w]));
    }
}
