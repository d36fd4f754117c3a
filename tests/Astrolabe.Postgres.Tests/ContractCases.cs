using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Astrolabe.Postgres.Tests;

/// <summary>
/// Runs a contract suite of the core's tests (a class of <c>[Fact]</c> and <c>[Theory]</c> cases) as the rows of
/// one <see cref="PostgresTheoryAttribute"/> theory, so that the whole suite is skipped, with the reason, when
/// no server can be had (and fails under CI). A fact is a row named after its method; each data row of a
/// theory is a row named <c>Method(argument, …)</c>.
/// </summary>
internal static class ContractCases
{
    /// <summary>The names of the cases of <paramref name="suite"/>.</summary>
    public static TheoryData<string> Of(Type suite)
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in Enumerate(suite))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Runs the named case on a suite instance, rethrowing the case's own failure.</summary>
    public static void Run(object suite, string name)
    {
        var (_, method, args) = Enumerate(suite.GetType()).Single(c => c.Name == name);
        try
        {
            (method.Invoke(suite, args) as Task)?.GetAwaiter().GetResult();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private static IEnumerable<(string Name, MethodInfo Method, object?[] Args)> Enumerate(Type suite)
    {
        foreach (var method in suite.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (method.GetCustomAttribute<TheoryAttribute>() is not null)
            {
                foreach (var data in method.GetCustomAttributes<Xunit.Sdk.DataAttribute>())
                {
                    foreach (object?[] row in data.GetData(method))
                    {
                        yield return ($"{method.Name}({string.Join(", ", row)})", method, row);
                    }
                }
            }
            else if (method.GetCustomAttribute<FactAttribute>() is not null)
            {
                yield return (method.Name, method, []);
            }
        }
    }
}
