namespace Astrolabe.Nn;

/// <summary>
/// A layer without an int8 kernel (GELU, Tanh, LayerNorm …) run in fp32 on the network it came from: layer
/// <c>LayerIndex</c> of the host <see cref="Sequential"/>, in evaluation mode, without a graph.
/// </summary>
internal sealed class FloatStep(Module layer, int layerIndex, int[] inputShape, int[] outputShape) : QuantStep
{
    private readonly TensorArena _arena = new();
    private float[] _input = [];

    public Module Layer { get; } = layer;

    public int LayerIndex { get; } = layerIndex;

    /// <summary>One sample's shape read by the layer.</summary>
    public IReadOnlyList<int> InputShape => inputShape;

    /// <summary>One sample's shape written by the layer.</summary>
    public IReadOnlyList<int> OutputShape => outputShape;

    public override Kind Tag => Kind.Float;

    public override bool InputQuantized => false;

    public override bool OutputQuantized => false;

    public override int InputSize => Shapes.Numel(inputShape);

    public override int OutputSize => Shapes.Numel(outputShape);

    public override string Describe() => $"fp32 {Layer.Name}";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        int size = rows * InputSize;
        float[] x = input.Floats;
        if (x.Length != size)
        {
            if (_input.Length != size)
            {
                _input = new float[size];
            }

            input.Floats.AsSpan(0, size).CopyTo(_input);
            x = _input;
        }

        // The layer's results come from the step's own arena, reused from call to call.
        using var noGrad = GradMode.NoGrad();
        using var scope = _arena.Enter();
        var result = Layer.Forward(new Tensor(x, [rows, .. inputShape]));
        result.Data.AsSpan(0, rows * OutputSize).CopyTo(output.Floats);
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write(LayerIndex);
        QuantIo.WriteShape(writer, inputShape);
        QuantIo.WriteShape(writer, outputShape);
    }

    public static FloatStep Read(BinaryReader reader, Sequential host)
    {
        int index = reader.ReadInt32();
        if (index < 0 || index >= host.Layers.Count)
        {
            throw new InvalidDataException($"fp32 step: layer {index} does not exist in a network of {host.Layers.Count} layers.");
        }

        return new FloatStep(host.Layers[index], index, QuantIo.ReadShape(reader, "fp32 step"), QuantIo.ReadShape(reader, "fp32 step"));
    }
}
