namespace Astrolabe.Nn;

/// <summary>
/// One step of a <see cref="QuantizedNetwork"/>: reads the previous step's output (fp32 or quantised bytes) for a
/// batch of rows and writes its own, into buffers the network owns and reuses. Quantised images are NHWC (channels
/// innermost), fp32 images NCHW as in the rest of Astrolabe.Nn; flat samples are the same in both.
/// </summary>
internal abstract class QuantStep
{
    /// <summary>Tags of the steps in the file format.</summary>
    internal enum Kind : byte
    {
        Quantize = 1,
        Dequantize = 2,
        Linear = 3,
        Conv = 4,
        MaxPool = 5,
        Float = 6,
    }

    /// <summary>The file tag.</summary>
    public abstract Kind Tag { get; }

    /// <summary>Whether the input is quantised bytes (else fp32).</summary>
    public abstract bool InputQuantized { get; }

    /// <summary>Whether the output is quantised bytes (else fp32).</summary>
    public abstract bool OutputQuantized { get; }

    /// <summary>Values per sample read.</summary>
    public abstract int InputSize { get; }

    /// <summary>Values per sample written.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Bytes of parameters this step stores.</summary>
    public virtual long ParameterBytes => 0;

    /// <summary>Whether this step runs an int8 kernel (a layer's compute, not a conversion or an fp32 layer).</summary>
    public virtual bool IsInt8Kernel => false;

    /// <summary>A one-line description for people (e.g. <c>int8 linear 784→128 + ReLU</c>).</summary>
    public abstract string Describe();

    /// <summary>Runs the step on <paramref name="rows"/> samples.</summary>
    public abstract void Run(StepBuffers input, int rows, StepBuffers output);

    /// <summary>Writes the step's data (after its tag).</summary>
    public abstract void Write(BinaryWriter writer);
}

/// <summary>A step's input or output: fp32 values or quantised bytes (one of the two is used).</summary>
internal sealed class StepBuffers
{
    public float[] Floats { get; private set; } = [];

    public byte[] Bytes { get; private set; } = [];

    /// <summary>Grows (never shrinks) the buffer the step writes.</summary>
    public void Ensure(bool quantized, int length)
    {
        if (quantized && Bytes.Length < length)
        {
            Bytes = new byte[length];
        }
        else if (!quantized && Floats.Length < length)
        {
            Floats = new float[length];
        }
    }
}
