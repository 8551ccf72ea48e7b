import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs jury panel|member|assign`.
struct JuryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury", abstract: "Жюри: составы, члены, распределение заявок.",
        subcommands: [CreatePanel.self, Panels.self, AddMember.self, RemoveMember.self, Assign.self])

    struct CreatePanel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "panel-create", abstract: "Создать жюри конкурса по приказу.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Название жюри.") var title = "Жюри конкурса"
        @Option(help: "Номер приказа об утверждении жюри.") var order: String
        @Option(help: "Дата приказа (ГГГГ-ММ-ДД).") var orderDate: String?
        @Option(help: "Только этот этап (id из положения).") var stage: String?
        @Option(help: "Только эта номинация (id из положения).") var nomination: String?

        func run() async throws {
            let (contest, title, order, date, stage, nomination) = (contest, title, order, orderDate, stage, nomination)
            let panel = try await withServices(database, logging) {
                try await $0.jury.createPanel(
                    KonkursServices.commandLine, contestID: contest, title: title, stage: stage, nomination: nomination, orderNumber: order,
                    orderDate: date)
            }
            print("Создано жюри №\(panel.id): \(panel.title) (приказ \(panel.orderNumber)).")
        }
    }

    struct Panels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "panel-list", abstract: "Составы жюри.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Только жюри этого конкурса.") var contest: Int64?

        func run() async throws {
            let contest = contest
            for panel in try await withServices(database, logging, { try await $0.jury.panels(KonkursServices.commandLine, contestID: contest) }) {
                print("Жюри №\(panel.id) конкурса \(panel.contestID): \(panel.title), приказ \(panel.orderNumber)")
                for member in panel.members where member.active { print("  \(member.login)\t\(member.fullName)\t\(member.role.title)") }
            }
        }
    }

    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "member-add", abstract: "Включить человека в жюри (или сменить его роль).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер жюри.") var panel: Int64
        @Argument(help: "Логин.") var login: String
        @Option(help: "member (член жюри), chair (председатель) или secretary (секретарь).") var role = "member"

        func run() async throws {
            guard let role = Panel.Member.Role(rawValue: role) else {
                throw ValidationError("роль «\(self.role)»: ожидается member, chair или secretary")
            }
            let (panel, login) = (panel, login)
            let updated = try await withServices(database, logging) {
                try await $0.jury.setMember(KonkursServices.commandLine, panelID: panel, login: login, role: role, organisationID: nil)
            }
            print("Жюри №\(updated.id): \(updated.members.filter(\.active).count) человек.")
        }
    }

    struct RemoveMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "member-remove", abstract: "Исключить человека из жюри (его листы больше не ожидаются).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер жюри.") var panel: Int64
        @Argument(help: "Логин.") var login: String

        func run() async throws {
            let (panel, login) = (panel, login)
            try await withServices(database, logging) { services in
                let user = try await services.users.get(KonkursServices.commandLine, login: login)
                try await services.jury.removeMember(KonkursServices.commandLine, panelID: panel, userID: user.id)
            }
            print("«\(login)» исключён из жюри №\(panel).")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Распределить допущенные заявки текущего этапа между членами жюри.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Номер конкурса.") var contest: Int64

        func run() async throws {
            let contest = contest
            let plan = try await withServices(database, logging) { try await $0.jury.assign(KonkursServices.commandLine, contestID: contest) }
            print("Назначено: \(plan.added.count).")
            for (application, missing) in plan.shortages.sorted(by: { $0.key < $1.key }) {
                print("  заявке №\(application) не хватает членов жюри: \(missing) (конфликты интересов или мало членов жюри)")
            }
        }
    }
}
