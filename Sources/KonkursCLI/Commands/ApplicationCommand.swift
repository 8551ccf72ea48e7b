import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs application list|show|admit|return|reject`.
struct ApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application", abstract: "Заявки на конкурсы.", subcommands: [List.self, Show.self, Decide.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Список заявок (номер, конкурс, номинация, организация, состояние).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Только заявки этого конкурса.") var contest: Int64?

        func run() async throws {
            let contest = contest
            let applications = try await withServices(database, logging) { try await $0.applications.list(KonkursServices.commandLine, contestID: contest) }
            for application in applications {
                let nominee = application.members.first { $0.role == .nominee || $0.role == .captain }?.fullName ?? ""
                print("\(application.id)\t\(application.contestID)\t\(application.nomination)\t\(application.organisationID)\t\(application.status.rawValue)\t\(nominee)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Заявка целиком.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64

        func run() async throws {
            let id = id
            let application = try await withServices(database, logging) { try await $0.applications.get(KonkursServices.commandLine, id: id) }
            print("Заявка №\(application.id): конкурс \(application.contestID), номинация «\(application.nomination)», организация \(application.organisationID)")
            print("Состояние: \(application.status.title)\(application.reason.map { " — \($0)" } ?? "")")
            print("Согласие на обработку: \(application.consentProcessing ? "да" : "нет"); к публикации: \(application.consentPublication.joined(separator: ", "))")
            for member in application.members {
                print("  \(member.role.rawValue): \(member.fullName), \(member.position), род. \(member.birthDate), стаж с \(member.experienceStart)")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide", abstract: "Решение по поданной заявке: admit (допустить), return (вернуть на доработку), reject (не допустить).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер заявки.") var id: Int64
        @Argument(help: "admit, return или reject.") var decision: String
        @Option(help: "Причина (обязательна для return и reject; её увидит организация).") var reason: String?

        func run() async throws {
            guard let decision = ApplicationService.Decision(rawValue: decision) else {
                throw ValidationError("решение «\(self.decision)»: ожидается admit, return или reject")
            }
            let (id, reason) = (id, reason)
            let application = try await withServices(database, logging) {
                try await $0.applications.decide(KonkursServices.commandLine, id: id, decision: decision, reason: reason)
            }
            print("Заявка №\(application.id): \(application.status.title).")
        }
    }
}
