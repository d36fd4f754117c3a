using System.CommandLine;

namespace Astrolabe.Cli.Commands;

/// <summary><c>astrolabe create-study</c>: an empty study with its directions.</summary>
internal static class CreateStudyCommand
{
    public static Command Create(CliConsole console)
    {
        var study = CommonOptions.Study();
        var directions = new Option<StudyDirection[]>("--direction")
        {
            Description = "minimize or maximize; repeat for several objectives (default minimize).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [StudyDirection.Minimize],
        };
        var skip = new Option<bool>("--skip-if-exists") { Description = "Succeed without change when the study exists." };
        var command = new Command("create-study", "Create an empty study.") { study, directions, skip };
        command.SetAction(parse =>
        {
            var storage = StorageUrl.Open(parse.GetValue(CommonOptions.Storage)!);
            using var owned = storage as IDisposable;
            string name = parse.GetValue(study)!;
            try
            {
                storage.CreateStudy(name, parse.GetValue(directions)!);
                console.Out.WriteLine($"Created study '{name}'.");
            }
            catch (DuplicatedStudyException) when (parse.GetValue(skip))
            {
                console.Out.WriteLine($"Study '{name}' exists; left as it is.");
            }

            return 0;
        });
        return command;
    }
}
