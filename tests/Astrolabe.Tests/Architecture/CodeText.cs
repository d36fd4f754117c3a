using System.Text;

namespace Astrolabe.Tests.Architecture;

/// <summary>
/// The code of a C# source file without its comments and literals: comments, string literals (regular, verbatim,
/// raw) and character literals become spaces, while the holes of interpolated strings stay code. Line breaks are
/// kept, so positions in the result still point at the same lines.
/// </summary>
internal static class CodeText
{
    /// <summary>Returns <paramref name="source"/> with comments and literal text blanked.</summary>
    public static string Strip(string source)
    {
        var output = new StringBuilder(source.Length);
        int i = 0;
        Code(source, ref i, output, closing: null);
        return output.ToString();
    }

    /// <summary>
    /// Copies code from <paramref name="i"/> until the end, or until an unmatched <paramref name="closing"/> brace
    /// (the end of an interpolation hole, left unconsumed), blanking comments and literals on the way.
    /// </summary>
    private static void Code(string s, ref int i, StringBuilder output, int? closing)
    {
        int depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (closing is not null)
            {
                if (c is '(' or '[' or '{')
                {
                    depth++;
                }
                else if (c is ')' or ']' || (c == '}' && depth > 0))
                {
                    depth--;
                }
                else if (c == '}' || (c is ':' or ',' && depth == 0))
                {
                    return; // the hole ends, or its alignment or format part begins (both are text)
                }
            }

            if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    Blank(s, ref i, output);
                }
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                Blank(s, ref i, output);
                Blank(s, ref i, output);
                while (i < s.Length && !(s[i] == '*' && At(s, i + 1) == '/'))
                {
                    Blank(s, ref i, output);
                }

                Blank(s, ref i, output);
                Blank(s, ref i, output);
            }
            else if (c == '\'')
            {
                CharLiteral(s, ref i, output);
            }
            else if (c is '"' or '$' or '@' && StringStart(s, i) is { } start)
            {
                StringLiteral(s, ref i, output, start);
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
    }

    private readonly record struct Start(int Dollars, bool Verbatim, int Quotes, int Length);

    /// <summary>The prefix of a string literal at <paramref name="i"/> ($, @, opening quotes), or null when none starts there.</summary>
    private static Start? StringStart(string s, int i)
    {
        int j = i;
        int dollars = 0;
        bool verbatim = false;
        while (j < s.Length && (s[j] == '$' || (s[j] == '@' && !verbatim)))
        {
            dollars += s[j] == '$' ? 1 : 0;
            verbatim |= s[j] == '@';
            j++;
        }

        int quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"')
        {
            quotes++;
        }

        if (quotes == 0)
        {
            return null; // '@' before a keyword used as a name, or a stray '$'
        }

        // Two quotes are an empty string; three or more open a raw string literal.
        quotes = quotes >= 3 ? quotes : 1;
        return new Start(dollars, verbatim, quotes, j - i + quotes);
    }

    private static void StringLiteral(string s, ref int i, StringBuilder output, Start start)
    {
        for (int k = 0; k < start.Length; k++)
        {
            Blank(s, ref i, output);
        }

        bool raw = start.Quotes >= 3;
        int braces = Math.Max(start.Dollars, 1);
        while (i < s.Length)
        {
            char c = s[i];
            if (raw && c == '"' && Run(s, i, '"') >= start.Quotes)
            {
                for (int k = 0; k < start.Quotes; k++)
                {
                    Blank(s, ref i, output);
                }

                return;
            }

            if (!raw && c == '"')
            {
                if (start.Verbatim && At(s, i + 1) == '"')
                {
                    Blank(s, ref i, output);
                    Blank(s, ref i, output);
                    continue;
                }

                Blank(s, ref i, output);
                return;
            }

            if (!raw && !start.Verbatim && c == '\\')
            {
                Blank(s, ref i, output);
                Blank(s, ref i, output);
                continue;
            }

            if (start.Dollars > 0 && c == '{')
            {
                int run = Run(s, i, '{');
                if (!raw && run >= 2)
                {
                    Blank(s, ref i, output); // "{{" is a literal brace
                    Blank(s, ref i, output);
                    continue;
                }

                if (run >= braces)
                {
                    for (int k = 0; k < run; k++)
                    {
                        Blank(s, ref i, output);
                    }

                    Hole(s, ref i, output, braces);
                    continue;
                }
            }

            Blank(s, ref i, output);
        }
    }

    /// <summary>An interpolation hole: code, then an optional alignment and format (text), then the closing braces.</summary>
    private static void Hole(string s, ref int i, StringBuilder output, int braces)
    {
        Code(s, ref i, output, closing: '}');
        while (i < s.Length && s[i] != '}')
        {
            Blank(s, ref i, output);
        }

        for (int k = 0; k < braces && i < s.Length && s[i] == '}'; k++)
        {
            Blank(s, ref i, output);
        }
    }

    private static void CharLiteral(string s, ref int i, StringBuilder output)
    {
        Blank(s, ref i, output);
        while (i < s.Length && s[i] != '\'' && s[i] != '\n')
        {
            if (s[i] == '\\')
            {
                Blank(s, ref i, output);
            }

            Blank(s, ref i, output);
        }

        Blank(s, ref i, output);
    }

    private static void Blank(string s, ref int i, StringBuilder output)
    {
        if (i < s.Length)
        {
            output.Append(s[i] is '\n' or '\r' ? s[i] : ' ');
            i++;
        }
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int Run(string s, int i, char c)
    {
        int n = 0;
        while (i + n < s.Length && s[i + n] == c)
        {
            n++;
        }

        return n;
    }
}
