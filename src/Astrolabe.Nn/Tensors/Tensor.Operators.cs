namespace Astrolabe.Nn;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum (see <see cref="Functional.Add(Tensor, Tensor)"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The sum.</returns>
    public static Tensor operator +(Tensor a, Tensor b) => Functional.Add(a, b);

    /// <summary>Element-wise difference (see <see cref="Functional.Sub"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The difference.</returns>
    public static Tensor operator -(Tensor a, Tensor b) => Functional.Sub(a, b);

    /// <summary>Element-wise product (see <see cref="Functional.Mul"/>).</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>The product.</returns>
    public static Tensor operator *(Tensor a, Tensor b) => Functional.Mul(a, b);

    /// <summary>Element-wise quotient, broadcasting (see <see cref="Functional.Div(Tensor, Tensor)"/>).</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>The quotient.</returns>
    public static Tensor operator /(Tensor a, Tensor b) => Functional.Div(a, b);

    /// <summary>Adds a scalar to every element (see <see cref="Functional.Add(Tensor, float)"/>).</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="s">The scalar.</param>
    /// <returns>The sum.</returns>
    public static Tensor operator +(Tensor a, float s) => Functional.Add(a, s);

    /// <summary>Divides every element by a scalar (see <see cref="Functional.Div(Tensor, float)"/>).</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="s">The scalar divisor.</param>
    /// <returns>The quotient.</returns>
    public static Tensor operator /(Tensor a, float s) => Functional.Div(a, s);

    /// <summary>Scales by a scalar (see <see cref="Functional.Scale"/>).</summary>
    /// <param name="a">The tensor.</param>
    /// <param name="s">The scalar.</param>
    /// <returns>The scaled tensor.</returns>
    public static Tensor operator *(Tensor a, float s) => Functional.Scale(a, s);

    /// <summary>The same data under another shape (see <see cref="Functional.Reshape"/>).</summary>
    /// <param name="shape">The new dimensions; one may be −1.</param>
    /// <returns>The view.</returns>
    public Tensor Reshape(params int[] shape) => Functional.Reshape(this, shape);

    /// <summary>Matrix product of two rank-2 tensors (see <see cref="Functional.MatMul"/>).</summary>
    /// <param name="other">The right operand.</param>
    /// <returns>The product.</returns>
    public Tensor MatMul(Tensor other) => Functional.MatMul(this, other);

    /// <summary>The sum of all elements (see <see cref="Functional.Sum(Tensor)"/>).</summary>
    /// <returns>A scalar tensor.</returns>
    public Tensor Sum() => Functional.Sum(this);

    /// <summary>The mean of all elements (see <see cref="Functional.Mean(Tensor)"/>).</summary>
    /// <returns>A scalar tensor.</returns>
    public Tensor Mean() => Functional.Mean(this);
}
