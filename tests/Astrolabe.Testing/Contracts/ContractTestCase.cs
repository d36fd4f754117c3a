using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Astrolabe.Testing.Contracts;

/// <summary>
/// A row of a <see cref="ContractTheoryAttribute"/> theory, named with its arguments in full (xunit cuts strings
/// longer than 50 characters in a test's name, and a case's name is often longer).
/// </summary>
public sealed class ContractTestCase : XunitTestCase
{
    /// <summary>For the de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    /// <summary>The row <paramref name="arguments"/> of the theory <paramref name="testMethod"/>.</summary>
    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, object[] arguments)
        : base(diagnosticMessageSink, display, options, testMethod, arguments)
    {
    }

    /// <inheritdoc/>
    protected override void Initialize()
    {
        base.Initialize();
        DisplayName = ContractRowName.Of(BaseDisplayName, TestMethod, TestMethodArguments);
    }
}

/// <summary>A skipped row of a <see cref="ContractTheoryAttribute"/> theory, named with its arguments in full.</summary>
public sealed class SkippedContractTestCase : XunitSkippedDataRowTestCase
{
    /// <summary>For the de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedContractTestCase()
    {
    }

    /// <summary>The row <paramref name="arguments"/> of the theory <paramref name="testMethod"/>, skipped for <paramref name="skipReason"/>.</summary>
    public SkippedContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string skipReason, object[] arguments)
        : base(diagnosticMessageSink, display, options, testMethod, skipReason, arguments)
    {
    }

    /// <inheritdoc/>
    protected override void Initialize()
    {
        base.Initialize();
        DisplayName = ContractRowName.Of(BaseDisplayName, TestMethod, TestMethodArguments);
    }
}

/// <summary>How a row of the matrix is named: <c>…SamplerContractTests.Holds(storage: SQLite, sampler: TPE, case: …)</c>.</summary>
internal static class ContractRowName
{
    public static string Of(string theory, ITestMethod method, object[]? arguments)
    {
        if (arguments is null)
        {
            return theory;
        }

        var names = method.Method.GetParameters().Select(p => p.Name);
        return $"{theory}({string.Join(", ", names.Zip(arguments, (name, value) => $"{name}: {value}"))})";
    }
}
