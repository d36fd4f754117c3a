namespace Astrolabe.ModelSearch;

/// <summary>
/// The registry of model families: <see cref="Mlp"/>, <see cref="Cnn"/> and <see cref="ResNet"/> are built in; a new
/// family (a sequence model …) becomes usable everywhere — in <see cref="ModelSpaceOptions.Families"/>, in
/// <see cref="ModelConfig"/>'s JSON, in saved models — by <see cref="Register"/>ing it once at start-up. Thread-safe.
/// </summary>
public static class ModelFamilies
{
    private static readonly Lock Gate = new();

    /// <summary>"mlp": dense layers (see <see cref="ModelConfig.Hidden"/>).</summary>
    public static IModelFamily Mlp { get; } = new MlpFamily();

    /// <summary>"cnn": 3×3 convolution blocks with max-pooling (<see cref="ModelConfig.Channels"/>), then a dense head; images only.</summary>
    public static IModelFamily Cnn { get; } = new CnnFamily();

    /// <summary>
    /// "resnet": a stem convolution, then residual blocks of stride 2 (<see cref="ModelConfig.Channels"/>), global
    /// average pooling and a dense head; images only. Not searched unless named in <see cref="ModelSpaceOptions.Families"/>.
    /// </summary>
    public static IModelFamily ResNet { get; } = new ResNetFamily();

    private static IModelFamily[] s_all = [Mlp, Cnn, ResNet];

    /// <summary>Every registered family, built-in ones first, then in the order of registration.</summary>
    public static IReadOnlyList<IModelFamily> All => Volatile.Read(ref s_all);

    /// <summary>Makes <paramref name="family"/> known by its name; registering the same instance again does nothing.</summary>
    /// <param name="family">The family.</param>
    /// <exception cref="ArgumentException">The name is not lower-case letters, digits and '_', or another family has it.</exception>
    public static void Register(IModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        string name = family.Name;
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"A model family's name is lower-case letters, digits and '_'; got '{name}'.", nameof(family));
        }

        lock (Gate)
        {
            var all = s_all;
            if (all.FirstOrDefault(f => f.Name == name) is { } known)
            {
                if (!ReferenceEquals(known, family))
                {
                    throw new ArgumentException($"A model family named '{name}' is already registered ({known.GetType().Name}).", nameof(family));
                }

                return;
            }

            Volatile.Write(ref s_all, [.. all, family]);
        }
    }

    /// <summary>The family named <paramref name="name"/>.</summary>
    /// <param name="name">The name (exact spelling).</param>
    /// <returns>The family.</returns>
    /// <exception cref="ArgumentException">No family has that name; the message lists the known ones.</exception>
    public static IModelFamily Get(string name) =>
        TryGet(name, out var family) ? family : throw new ArgumentException(Unknown(name), nameof(name));

    /// <summary>The family named <paramref name="name"/>, or false.</summary>
    /// <param name="name">The name (exact spelling).</param>
    /// <param name="family">The family, when found.</param>
    /// <returns>Whether one was found.</returns>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IModelFamily? family)
    {
        family = All.FirstOrDefault(f => f.Name == name);
        return family is not null;
    }

    internal static string Unknown(string? name) => $"Unknown family '{name}'; known: {string.Join(", ", All.Select(f => f.Name))}.";
}
