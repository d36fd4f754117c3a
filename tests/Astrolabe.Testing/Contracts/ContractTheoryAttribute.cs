using Xunit.Sdk;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// A theory over rows of the <see cref="ContractMatrix"/>, whose first argument names a storage kind: a row on a
/// kind that cannot run here (PostgreSQL without a server, outside CI) is skipped with the reason, and the
/// other rows run.
/// </summary>
[XunitTestCaseDiscoverer("Astrolabe.Testing.Contracts.ContractTheoryDiscoverer", "Astrolabe.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractTheoryAttribute : TheoryAttribute
{
}
