using Astrolabe.Optim;

namespace Astrolabe.Nn;

public abstract partial class Module
{
    /// <summary>
    /// The parameters as Astrolabe.Optim parameters, sharing the tensors' value and gradient arrays, so an optimizer
    /// built on them updates the model in place: <c>Optimizers.Adam(model.Parameters(), lr: 1e-3)</c>.
    /// </summary>
    /// <returns>
    /// One <see cref="Parameter"/> per named parameter, in <see cref="NamedParameters"/> order; a table with a
    /// row-sparse gradient (<see cref="Tensor.SparseGrad"/>) gives a parameter over that gradient, which
    /// <c>Optimizers.SparseAdam</c> and <c>Optimizers.AdaGrad</c> update row by row.
    /// </returns>
    public IReadOnlyList<Parameter> Parameters() =>
        [.. NamedParameters().Select(p => p.Tensor.SparseGrad is { } sparse
            ? new Parameter(p.Name, p.Tensor.Data, sparse, p.Tensor.Shape)
            : new Parameter(p.Name, p.Tensor.Data, p.Tensor.GradBuffer(), p.Tensor.Shape))];
}
