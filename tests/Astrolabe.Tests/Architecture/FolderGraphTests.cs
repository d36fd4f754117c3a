namespace Astrolabe.Tests.Architecture;

public sealed class FolderGraphTests
{
    [Fact]
    public void AFolderUsesTheFolderThatDeclaresATypeItsCodeNames()
    {
        var graph = FolderGraph.FromSources([
            ("A", "internal sealed class Alpha { private Beta b = new(); }"),
            ("B", "internal sealed record Beta(int X);"),
            ("C", "internal readonly record struct Gamma(Alpha A);"),
        ]);

        Assert.Equal(["Beta"], graph.Uses["A"]["B"]);
        Assert.Equal(["Alpha"], graph.Uses["C"]["A"]);
        Assert.Empty(graph.Uses["B"]);
        Assert.Null(graph.FindCycle());
    }

    [Fact]
    public void CommentsAndLiteralTextAreNotUses()
    {
        var graph = FolderGraph.FromSources([
            ("A", """""
                /// <summary>Unlike <see cref="Beta"/>.</summary>
                internal sealed class Alpha
                {
                    // Beta
                    /* Beta */
                    private string a = "Beta \" Beta";
                    private string b = @"Beta "" Beta";
                    private string c = $"Beta {{Beta}} {1,5:Beta}";
                    private string d = $$""""Beta {Beta} """ Beta"""";
                    private char e = '"';
                    private string f = "Beta";
                }
                """""),
            ("B", "internal sealed class Beta;"),
        ]);

        Assert.Empty(graph.Uses["A"]);
    }

    [Fact]
    public void TheHolesOfInterpolatedStringsAreCode()
    {
        var graph = FolderGraph.FromSources([
            ("A", """internal sealed class Alpha { private string s = $"x {Beta.Name("}")} {Gamma.Value:F2} {(true ? Delta.A : 0)}"; }"""),
            ("B", "internal static class Beta;"),
            ("C", "internal static class Gamma;"),
            ("D", "internal static class Delta;"),
        ]);

        Assert.Equal(["B", "C", "D"], graph.Uses["A"].Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AMemberAccessNamesAMemberNotAType()
    {
        var graph = FolderGraph.FromSources([
            ("A", "internal sealed class Alpha { private int n = Gamma.Beta + x\n    .Beta; }"),
            ("B", "internal sealed class Beta;"),
            ("C", "internal static class Gamma;"),
        ]);

        Assert.Equal(["C"], graph.Uses["A"].Keys);
    }

    [Fact]
    public void FindsACycleAndNamesTheTypesAlongIt()
    {
        var graph = FolderGraph.FromSources([
            ("A", "internal sealed class Alpha { private Beta? b; }"),
            ("B", "internal sealed class Beta { private Gamma? g; }"),
            ("C", "internal sealed class Gamma { private Alpha? a; }"),
        ]);

        var cycle = graph.FindCycle();

        Assert.Equal(["A", "B", "C", "A"], cycle);
        Assert.Equal("A -(Beta)-> B -(Gamma)-> C -(Alpha)-> A", graph.Describe(cycle!));
    }
}
