using System.Globalization;
using System.Text;

namespace Astrolabe.Cli.BlackBox;

/// <summary>
/// The program to run per trial, as an argument vector with placeholders: <c>{name}</c> is a parameter's
/// value, <c>{trial}</c> the trial number, <c>{{</c> and <c>}}</c> literal braces. Each argument stays one
/// argument whatever the value holds (spaces, quotes, <c>;</c>): no shell ever sees it. An argument that
/// mentions a parameter that is inactive in this trial (a condition did not hold) is left out, so write
/// conditional options as one argument: <c>--momentum={momentum}</c>.
/// </summary>
public sealed class ProgramTemplate
{
    private readonly string[] arguments;

    /// <summary>
    /// Creates the template; throws <see cref="ArgumentException"/> on an empty command, a program name that starts with '-'
    /// (an unknown option of the command line, taken for the program), unbalanced braces or a NUL character.
    /// </summary>
    public ProgramTemplate(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            throw new ArgumentException("No program to run: give it after '--', e.g. -- python3 train.py --lr {lr}.");
        }

        if (command[0].StartsWith('-'))
        {
            throw new ArgumentException($"Unrecognized option '{command[0]}' (the program to run goes after '--').");
        }

        arguments = [.. command];
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{(i == 0 ? "The program's name" : $"Argument {i} of the program")} holds a NUL character, which no program can receive: arguments cannot contain NUL."));
            }

            Expand(arguments[i], new Dictionary<string, object?>(), -1, check: true);
        }
    }

    /// <summary>The parameter names the template mentions.</summary>
    public IReadOnlyCollection<string> Placeholders => arguments.SelectMany(Names).Where(n => n != "trial").Distinct().ToList();

    /// <summary>The program and its arguments for one trial.</summary>
    public IReadOnlyList<string> Render(IReadOnlyDictionary<string, object?> values, int trialNumber, IReadOnlyCollection<string> inactive)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(inactive);
        var result = new List<string>(arguments.Length);
        foreach (var a in arguments)
        {
            if (Names(a).Any(inactive.Contains))
            {
                continue;
            }

            result.Add(Expand(a, values, trialNumber, check: false));
        }

        return result;
    }

    /// <summary>How a value is written into an argument or an environment variable.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static IEnumerable<string> Names(string a)
    {
        var names = new List<string>();
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == '{' && i + 1 < a.Length && a[i + 1] == '{')
            {
                i++;
            }
            else if (a[i] == '{')
            {
                int end = a.IndexOf('}', i);
                if (end > i)
                {
                    names.Add(a[(i + 1)..end]);
                    i = end;
                }
            }
        }

        return names;
    }

    private static string Expand(string a, IReadOnlyDictionary<string, object?> values, int trial, bool check)
    {
        var sb = new StringBuilder(a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            char c = a[i];
            if ((c == '{' || c == '}') && i + 1 < a.Length && a[i + 1] == c)
            {
                sb.Append(c);
                i++;
            }
            else if (c == '{')
            {
                int end = a.IndexOf('}', i);
                if (end < 0)
                {
                    throw new ArgumentException($"Unbalanced '{{' in argument '{a}'; write '{{{{' for a literal brace.");
                }

                string name = a[(i + 1)..end];
                if (!check)
                {
                    sb.Append(name == "trial" ? trial.ToString(CultureInfo.InvariantCulture) : Format(values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"The command mentions {{{name}}}, which is not a parameter of the space.")));
                }

                i = end;
            }
            else if (c == '}')
            {
                throw new ArgumentException($"Unbalanced '}}' in argument '{a}'; write '}}}}' for a literal brace.");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
