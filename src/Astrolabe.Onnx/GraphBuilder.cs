using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Astrolabe.Onnx;

/// <summary>
/// An ONNX graph under construction: float initializers, nodes of the default domain and the graph's inputs and
/// outputs. Every node and value gets a unique name derived from the one asked for; a node's output is named after it.
/// </summary>
internal sealed class GraphBuilder(string name, int opset)
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, float Value), string> _scalars = [];

    /// <summary>The graph.</summary>
    public GraphProto Graph { get; } = new() { Name = name };

    /// <summary>The operator set the nodes must exist in.</summary>
    public int Opset => opset;

    /// <summary>A float constant (little-endian raw data, as ONNX requires).</summary>
    /// <param name="name">The name wanted (made unique).</param>
    /// <param name="data">The values, row-major.</param>
    /// <param name="dims">The shape; none for a scalar.</param>
    /// <returns>The initializer's name.</returns>
    public string Initializer(string name, ReadOnlySpan<float> data, params int[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        if (BitConverter.IsLittleEndian)
        {
            tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data));
        }
        else
        {
            tensor.FloatData.AddRange(data.ToArray());
        }

        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int8 constant (quantised weights, or their zero points).</summary>
    /// <param name="name">The name wanted (made unique).</param>
    /// <param name="data">The values, row-major.</param>
    /// <param name="dims">The shape; none for a scalar.</param>
    /// <returns>The initializer's name.</returns>
    public string Int8Initializer(string name, ReadOnlySpan<sbyte> data, params int[] dims) =>
        RawInitializer(name, TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(data), dims);

    /// <summary>A uint8 constant (an activation's zero point).</summary>
    /// <param name="name">The name wanted (made unique).</param>
    /// <param name="data">The values, row-major.</param>
    /// <param name="dims">The shape; none for a scalar.</param>
    /// <returns>The initializer's name.</returns>
    public string UInt8Initializer(string name, ReadOnlySpan<byte> data, params int[] dims) =>
        RawInitializer(name, TensorProto.Types.DataType.Uint8, data, dims);

    /// <summary>A float scalar constant, shared by every node that asks for the same name and value.</summary>
    /// <param name="name">The name wanted.</param>
    /// <param name="value">The value.</param>
    /// <returns>The initializer's name.</returns>
    public string Scalar(string name, float value)
    {
        if (!_scalars.TryGetValue((name, value), out string? existing))
        {
            existing = Initializer(name, [value]);
            _scalars.Add((name, value), existing);
        }

        return existing;
    }

    /// <summary>Appends a node with one output, named like the node.</summary>
    /// <param name="opType">The operator (default domain).</param>
    /// <param name="name">The node name wanted (made unique).</param>
    /// <param name="inputs">The input value names, in the operator's order.</param>
    /// <param name="attributes">The attributes.</param>
    /// <returns>The output's name.</returns>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(node.Name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return node.Name;
    }

    /// <summary>
    /// <paramref name="value"/> under the name <paramref name="newName"/>, so that it can be a graph output: the last
    /// node's output is renamed (nothing has read it yet); any other value is passed through an Identity node.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="newName">The name it gets (unused so far).</param>
    /// <returns>The new name.</returns>
    public string NameOutput(string value, string newName)
    {
        if (Graph.Node.Count > 0 && Graph.Node[^1].Output[0] == value)
        {
            Graph.Node[^1].Output[0] = Unique(newName);
            return Graph.Node[^1].Output[0];
        }

        return Node("Identity", newName, [value]);
    }

    /// <summary>A constant of one-byte elements, stored as raw data (byte order does not matter for them).</summary>
    private string RawInitializer(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, int[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Declares a float graph input whose first dimension is the symbolic batch size <c>N</c>.</summary>
    /// <param name="name">The input's name (exact).</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="docString">What the input holds.</param>
    /// <returns>The name.</returns>
    public string Input(string name, IReadOnlyList<int> sampleShape, string docString)
    {
        Graph.Input.Add(Value(Unique(name), sampleShape, docString));
        return name;
    }

    /// <summary>Declares an existing value as a float graph output of shape [N, ...sampleShape].</summary>
    /// <param name="name">The value's name.</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="docString">What the output holds.</param>
    public void Output(string name, IReadOnlyList<int> sampleShape, string docString) =>
        Graph.Output.Add(Value(name, sampleShape, docString));

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>An attribute that is a list of integers.</summary>
    public static AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static ValueInfoProto Value(string name, IReadOnlyList<int> sampleShape, string docString)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.AddRange(sampleShape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            DocString = docString,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary><paramref name="wanted"/>, or it with the first free suffix <c>_2</c>, <c>_3</c> …</summary>
    private string Unique(string wanted)
    {
        string candidate = wanted;
        for (int i = 2; !_names.Add(candidate); i++)
        {
            candidate = $"{wanted}_{i}";
        }

        return candidate;
    }
}
