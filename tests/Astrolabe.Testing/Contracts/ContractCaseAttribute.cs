namespace Astrolabe.Testing.Contracts;

/// <summary>
/// Marks a parameterless method of a contract suite (returning nothing or a <see cref="Task"/>) as one of its
/// cases; <see cref="ContractCase.Of{TSuite}"/> finds them, in the order they are declared.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractCaseAttribute : Attribute
{
}
