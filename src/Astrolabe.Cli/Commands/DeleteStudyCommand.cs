using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe delete-study</c>: a study and all its trials.</summary>
internal static class DeleteStudyCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var command = new Command("delete-study", "Delete a study and all its trials.") { study };
        command.SetAction(parse =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            string name = parse.GetValue(study)!;
            Study.Delete(name, storage);
            console.Out.WriteLine($"Deleted study '{name}'.");
            return 0;
        });
        return command;
    }
}
