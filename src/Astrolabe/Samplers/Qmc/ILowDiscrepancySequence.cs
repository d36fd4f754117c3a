namespace Astrolabe;

/// <summary>A point set in [0, 1)^d addressed by index, so that any worker can compute any point.</summary>
internal interface ILowDiscrepancySequence
{
    /// <summary>The number of coordinates of every point.</summary>
    int Dimension { get; }

    /// <summary>Writes the point with this index into <paramref name="point"/> (length <see cref="Dimension"/>).</summary>
    void Point(long index, Span<double> point);
}
