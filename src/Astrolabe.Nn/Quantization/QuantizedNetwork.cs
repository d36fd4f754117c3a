using System.Text;

namespace Astrolabe.Nn;

/// <summary>
/// A <see cref="Sequential"/> network after post-training static quantisation: int8 weights (symmetric, per output
/// channel), uint8 activations (affine, per tensor, ranges from calibration), int32 accumulation on the int8 kernel
/// of the CPU it runs on (AVX-VNNI, AVX2 or scalar: same results), BatchNorm folded and ReLU fused, and fp32 steps for
/// layers without an int8 kernel. <see cref="Forward(ReadOnlySpan{float}, Span{float})"/> takes fp32 rows in the
/// network's input layout and returns its fp32 outputs. The network reuses its buffers from call to call and runs at
/// most <see cref="BatchRows"/> rows at a time, so its memory does not grow with the rows; one instance must not run
/// on two threads at once.
/// </summary>
public sealed class QuantizedNetwork
{
    /// <summary>Rows per internal batch.</summary>
    public const int BatchRows = 128;

    private const string Magic = "ASTROLABE-QNET";
    private const int Version = 1;

    private readonly QuantStep[] _steps;
    private readonly StepBuffers[] _buffers;
    private readonly int[] _inputShape;

    private QuantizedNetwork(QuantStep[] steps, int[] inputShape, Sequential host)
    {
        _steps = steps;
        _inputShape = inputShape;
        Host = host;
        _buffers = [.. Enumerable.Range(0, steps.Length + 1).Select(_ => new StepBuffers())];
        int size = Shapes.Numel(inputShape);
        for (int i = 0; i < steps.Length; i++)
        {
            bool quantizedIn = i > 0 && steps[i - 1].OutputQuantized;
            if (steps[i].InputQuantized != quantizedIn || steps[i].InputSize != size)
            {
                throw new InvalidDataException($"Quantised step {i} ({steps[i].Describe()}) does not take what step {i - 1} gives.");
            }

            size = steps[i].OutputSize;
        }

        if (steps.Length == 0 || steps[^1].OutputQuantized)
        {
            throw new InvalidDataException("A quantised network must end with fp32 outputs.");
        }

        OutputSize = size;
    }

    /// <summary>The fp32 network it came from, which runs the fp32 steps.</summary>
    internal Sequential Host { get; }

    /// <summary>The indices of the layers of the fp32 network that run in fp32: <see cref="Save"/> does not write their parameters, the caller keeps them.</summary>
    public IReadOnlyList<int> FloatLayerIndices => [.. _steps.OfType<FloatStep>().Select(f => f.LayerIndex)];

    /// <summary>The steps themselves, in order (for exporters that rewrite them in another format).</summary>
    internal IReadOnlyList<QuantStep> StepList => _steps;

    /// <summary>One sample's shape.</summary>
    public IReadOnlyList<int> InputShape => _inputShape;

    /// <summary>Outputs per sample.</summary>
    public int OutputSize { get; }

    /// <summary>The steps, described for people, in order.</summary>
    public IReadOnlyList<string> Steps => [.. _steps.Select(s => s.Describe())];

    /// <summary>Layers that run on the int8 kernel.</summary>
    public int Int8Layers => _steps.Count(s => s.IsInt8Kernel);

    /// <summary>Layers that run in fp32.</summary>
    public int FloatLayers => _steps.Count(s => s is FloatStep);

    /// <summary>Bytes of parameters: a byte per int8 weight, 4 per scale and bias, 4 per parameter of an fp32 layer.</summary>
    public long ParameterBytes =>
        _steps.Sum(s => s.ParameterBytes) + (4L * _steps.OfType<FloatStep>().Sum(f => f.Layer.ParameterCount));

    /// <summary>
    /// Quantises <paramref name="network"/> (put in evaluation mode) with activation ranges observed on <paramref name="calibration"/>.
    /// </summary>
    /// <param name="network">The trained network.</param>
    /// <param name="calibration">Representative inputs [rows, ...sample shape], as the network takes them (preprocessed); at least one row, all finite.</param>
    /// <param name="options">Calibration and widths (default: min/max, 8 bits).</param>
    /// <returns>The quantised network.</returns>
    /// <exception cref="ArgumentException">An empty or non-finite calibration set, one the network cannot take, NaN or infinite weights, or a layer without an int8 kernel when <see cref="QuantizationOptions.RequireFullInt8"/> is set.</exception>
    public static QuantizedNetwork Quantize(Sequential network, Tensor calibration, QuantizationOptions? options = null) =>
        PostTrainingQuantizer.Quantize(network, calibration, options ?? new QuantizationOptions());

    internal static QuantizedNetwork Create(QuantStep[] steps, int[] inputShape, Sequential host) => new(steps, inputShape, host);

    /// <summary>Runs rows through the network.</summary>
    /// <param name="input">fp32 rows, row-major, a multiple of the sample size.</param>
    /// <param name="output"><see cref="OutputSize"/> values per row.</param>
    /// <exception cref="ArgumentException">Lengths that do not match.</exception>
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int size = Shapes.Numel(_inputShape);
        if (input.Length == 0 || input.Length % size != 0)
        {
            throw new ArgumentException($"The network takes samples of {size} values; got {input.Length} values.", nameof(input));
        }

        int rows = input.Length / size;
        if (output.Length != rows * OutputSize)
        {
            throw new ArgumentException($"{rows} samples need {rows * OutputSize} outputs; the destination has {output.Length}.", nameof(output));
        }

        for (int start = 0; start < rows; start += BatchRows)
        {
            int n = Math.Min(BatchRows, rows - start);
            var first = _buffers[0];
            first.Ensure(false, BatchRows * size);
            input.Slice(start * size, n * size).CopyTo(first.Floats);
            for (int i = 0; i < _steps.Length; i++)
            {
                _buffers[i + 1].Ensure(_steps[i].OutputQuantized, BatchRows * _steps[i].OutputSize);
                _steps[i].Run(_buffers[i], n, _buffers[i + 1]);
            }

            _buffers[^1].Floats.AsSpan(0, n * OutputSize).CopyTo(output.Slice(start * OutputSize, n * OutputSize));
        }
    }

    /// <summary>Runs a batch [rows, ...sample shape] and returns the outputs [rows, <see cref="OutputSize"/>].</summary>
    /// <param name="x">The inputs.</param>
    /// <returns>The outputs.</returns>
    public Tensor Forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.Rank == 0 ? 0 : x.Dim(0);
        var output = new float[rows * OutputSize];
        Forward(x.Data, output);
        return new Tensor(output, [rows, OutputSize]);
    }

    /// <summary>
    /// Writes the quantised steps (versioned format); the fp32 layers they borrow from the network they came from are
    /// referred to by index (<see cref="FloatLayerIndices"/>), not written.
    /// </summary>
    /// <param name="stream">The destination.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        QuantIo.WriteShape(w, _inputShape);
        w.Write(_steps.Length);
        foreach (var step in _steps)
        {
            w.Write((byte)step.Tag);
            step.Write(w);
        }
    }

    /// <summary>Reads steps written by <see cref="Save"/>; fp32 steps run layers of <paramref name="host"/> (the same structure, with those layers' parameters loaded).</summary>
    /// <param name="stream">The source.</param>
    /// <param name="host">The fp32 network of the same structure.</param>
    /// <returns>The quantised network.</returns>
    /// <exception cref="InvalidDataException">Not a quantised network, a newer version, damaged, or not of <paramref name="host"/>'s structure.</exception>
    public static QuantizedNetwork Load(Stream stream, Sequential host)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(host);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic)
        {
            throw new InvalidDataException("Not a quantised network.");
        }

        int version = r.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"Quantised network format version {version} is not supported (this build reads version {Version}).");
        }

        var shape = QuantIo.ReadShape(r, "input");
        int count = r.ReadInt32();
        if (count is < 1 or > 4096)
        {
            throw new InvalidDataException($"A quantised network of {count} steps is not valid.");
        }

        var steps = new QuantStep[count];
        for (int i = 0; i < count; i++)
        {
            steps[i] = (QuantStep.Kind)r.ReadByte() switch
            {
                QuantStep.Kind.Quantize => QuantizeStep.Read(r),
                QuantStep.Kind.Dequantize => DequantizeStep.Read(r),
                QuantStep.Kind.Linear => LinearStep.Read(r),
                QuantStep.Kind.Conv => ConvStep.Read(r),
                QuantStep.Kind.MaxPool => MaxPoolStep.Read(r),
                QuantStep.Kind.Float => FloatStep.Read(r, host),
                var tag => throw new InvalidDataException($"Unknown quantised step tag {(byte)tag}."),
            };
        }

        host.Eval();
        return new QuantizedNetwork(steps, shape, host);
    }
}
