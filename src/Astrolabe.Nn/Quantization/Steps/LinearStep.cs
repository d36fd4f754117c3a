using Astrolabe.Nn.Kernels;

namespace Astrolabe.Nn;

/// <summary>
/// An int8 fully connected layer (BatchNorm folded in, ReLU fused): quantised input [rows, k] → int32 sums on the
/// int8 kernel → the next activation's bytes, or fp32 when the next layer runs in fp32 or this is the last layer.
/// </summary>
internal sealed class LinearStep : QuantStep
{
    private readonly Requantizer _epilogue;
    private int[] _sums = [];

    public LinearStep(QuantizedWeights weights, QuantRange input, QuantRange? output, bool relu, string name)
    {
        Weights = weights;
        Input = input;
        Output = output;
        Relu = relu;
        Name = name;
        _epilogue = new Requantizer(weights, input, output, relu);
    }

    public QuantizedWeights Weights { get; }

    public QuantRange Input { get; }

    public QuantRange? Output { get; }

    public bool Relu { get; }

    public string Name { get; }

    public override Kind Tag => Kind.Linear;

    public override bool InputQuantized => true;

    public override bool OutputQuantized => Output is not null;

    public override int InputSize => Weights.K;

    public override int OutputSize => Weights.N;

    public override long ParameterBytes => Weights.Bytes;

    public override bool IsInt8Kernel => true;

    public override string Describe() => $"int8 linear {Weights.K}→{Weights.N}{(Relu ? " + ReLU" : "")} → {(OutputQuantized ? "int8" : "fp32")} ({Name})";

    public override void Run(StepBuffers input, int rows, StepBuffers output)
    {
        int n = Weights.N;
        if (_sums.Length < _epilogue.SumsLength(rows))
        {
            _sums = new int[_epilogue.SumsLength(rows)];
        }

        Int8Gemm.Multiply(input.Bytes, rows, Weights.K, Weights.Packed, _sums, n);
        if (OutputQuantized)
        {
            _epilogue.ToBytes(_sums, rows, output.Bytes);
        }
        else
        {
            _epilogue.ToFloats(_sums, rows, output.Floats, 1);
        }
    }

    public override void Write(BinaryWriter writer) => QuantIo.WriteKernel(writer, Name, Weights, Input, Output, Relu);

    public static LinearStep Read(BinaryReader reader)
    {
        var (name, weights, input, output, relu) = QuantIo.ReadKernel(reader);
        return new LinearStep(weights, input, output, relu, name);
    }
}
