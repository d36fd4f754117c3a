using Astrolabe.Optim;

namespace Astrolabe.Nn;

public abstract partial class Module
{
    /// <summary>
    /// The parameters as Astrolabe.Optim parameters, sharing the tensors' value and gradient arrays, so an optimizer
    /// built on them updates the model in place: <c>Optimizers.Adam(model.Parameters(), lr: 1e-3)</c>.
    /// </summary>
    /// <returns>One <see cref="Parameter"/> per named parameter, in <see cref="NamedParameters"/> order.</returns>
    public IReadOnlyList<Parameter> Parameters() =>
        [.. NamedParameters().Select(p => new Parameter(p.Name, p.Tensor.Data, p.Tensor.GradBuffer(), p.Tensor.Shape))];
}
