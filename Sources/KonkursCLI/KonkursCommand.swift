import ArgumentParser
import KonkursCore

/// `konkurs`: the root of every admin command.
public struct KonkursCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "konkurs",
        abstract: "Konkurs — управление конкурсами профессионального мастерства.",
        version: Konkurs.version,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UserCommand.self, OrganisationCommand.self, ContestCommand.self, ApplicationCommand.self,
            JuryCommand.self,
            ScoresCommand.self, AuditCommand.self, ResultsCommand.self, DiplomasCommand.self, BackupCommand.self, RestoreCommand.self,
            RegulationCommand.self, EventCommand.self,
        ]
    )

    public init() {}
}
