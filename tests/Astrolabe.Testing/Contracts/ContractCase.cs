using System.Reflection;

namespace Astrolabe.Testing.Contracts;

/// <summary>One named case of a contract suite: what it runs on a suite instance.</summary>
/// <typeparam name="TSuite">The suite, built for one row of the matrix (a sampler or pruner and a storage).</typeparam>
public sealed class ContractCase<TSuite>
{
    /// <summary>A case that runs synchronously.</summary>
    public ContractCase(string name, Action<TSuite> run)
        : this(name, suite =>
        {
            run(suite);
            return Task.CompletedTask;
        })
    {
    }

    /// <summary>A case that runs asynchronously.</summary>
    public ContractCase(string name, Func<TSuite, Task> run)
    {
        Name = name;
        Run = run;
    }

    /// <summary>The case's name, as the matrix shows it.</summary>
    public string Name { get; }

    /// <summary>Runs the case on a suite; it throws when the contract does not hold.</summary>
    public Func<TSuite, Task> Run { get; }
}

/// <summary>Finds the cases of a suite.</summary>
public static class ContractCase
{
    /// <summary>
    /// The methods of <typeparamref name="TSuite"/> marked <see cref="ContractCaseAttribute"/>, in declaration order,
    /// each named after its method.
    /// </summary>
    public static IReadOnlyList<ContractCase<TSuite>> Of<TSuite>() =>
    [
        .. typeof(TSuite).GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.IsDefined(typeof(ContractCaseAttribute), inherit: false))
            .OrderBy(m => m.MetadataToken)
            .Select(m => m.ReturnType == typeof(Task)
                ? new ContractCase<TSuite>(m.Name, m.CreateDelegate<Func<TSuite, Task>>())
                : new ContractCase<TSuite>(m.Name, m.CreateDelegate<Action<TSuite>>())),
    ];

    /// <summary>The case named <paramref name="name"/> among <paramref name="cases"/>.</summary>
    public static ContractCase<TSuite> Find<TSuite>(IReadOnlyList<ContractCase<TSuite>> cases, string name) =>
        cases.SingleOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"{typeof(TSuite).Name} has no case named '{name}'; its cases are {string.Join(", ", cases.Select(c => c.Name))}.", nameof(name));
}
