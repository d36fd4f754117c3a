namespace Astrolabe.Optim;

/// <summary>Sums the gradients of several micro-batches; the optimizer steps on their mean once all have arrived.</summary>
internal sealed class GradientAccumulator
{
    private readonly float[][] sums;
    private int count;

    public GradientAccumulator(IReadOnlyList<Parameter> parameters, int microBatches)
    {
        MicroBatches = microBatches;
        sums = [.. parameters.Select(p => new float[p.Length])];
    }

    /// <summary>The number of micro-batches per step.</summary>
    public int MicroBatches { get; }

    /// <summary>The running sums, one per parameter.</summary>
    public IReadOnlyList<float[]> Sums => sums;

    /// <summary>Adds the current gradients; true when this was the last micro-batch of a step.</summary>
    public bool Add(IReadOnlyList<Parameter> parameters)
    {
        for (int i = 0; i < sums.Length; i++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(sums[i], parameters[i].Grad, sums[i]);
        }

        return ++count == MicroBatches;
    }

    /// <summary>Clears the sums for the next step.</summary>
    public void Reset()
    {
        count = 0;
        foreach (float[] s in sums)
        {
            Array.Clear(s);
        }
    }
}
