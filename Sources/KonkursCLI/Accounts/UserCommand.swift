import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs user add|list|disable|reset-password`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Учётные записи.", subcommands: [Add.self, Import.self, List.self, Disable.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Создать учётную запись и вывести ссылку-приглашение для установки пароля.",
            discussion: "Первого администратора создаёт эта команда: konkurs user add --login admin --name \"…\" --role admin")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Логин (латинские буквы, цифры, . _ @ -).") var login: String
        @Option(help: "ФИО.") var name: String
        @Option(help: "Роль: \(Role.allCases.map(\.rawValue).joined(separator: ", ")); можно несколько раз.") var role: [String]
        @Option(help: "Организация координатора: номер в реестре или краткое название.") var organisation: String?
        @Option(help: "Электронная почта.") var email: String?
        @OptionGroup var link: PublicURLOption

        func run() async throws {
            let (login, name, role, organisation, email) = (login, name, role, organisation, email)
            let url = try await withServices(database, logging, link: link) { services in
                let origin = KonkursServices.commandLine
                var organisationID: Int64?
                if let organisation {
                    guard let found = try await services.organisations.list(origin).named(organisation) else {
                        throw CommandFailure(message: "организация «\(organisation)» не найдена в реестре")
                    }
                    organisationID = found.id
                }
                let draft = try UserDraft.validated(login: login, fullName: name, email: email, organisationID: organisationID, roles: role)
                let (_, invitation) = try await services.users.add(origin, draft)
                return services.links.invitation(invitation)
            }
            print("Учётная запись «\(login)» создана. Ссылка для установки пароля (72 часа, один раз):\n\(url)")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Создать учётные записи из CSV (login,full_name,roles[,email,organisation]) и вывести ссылки-приглашения.",
            discussion: "Роли через «;». При ошибках в строках не создаётся ничего, если не задан --skip-bad.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Файл CSV.") var file: String
        @Flag(help: "Создать хорошие строки, пропустив плохие.") var skipBad = false
        @OptionGroup var link: PublicURLOption

        func run() async throws {
            let input = try InputFiles.read(file)
            let skipBad = skipBad
            let (report, links) = try await withServices(database, logging, link: link) { services in
                let report = try await services.users.importCSV(KonkursServices.commandLine, file: input, skipBad: skipBad)
                return (report, report.created.map { ($0.0, services.links.invitation($0.1)) })
            }
            print("Создано учётных записей: \(report.created.count); пропущено строк: \(report.skipped.count).")
            for (login, url) in links { print("\(login)\t\(url)") }
            for problem in report.skipped { print("  \(problem)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Список учётных записей.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let accounts = try await withServices(database, logging) { try await $0.users.list(KonkursServices.commandLine) }
            for account in accounts {
                let state = !account.active ? "отключена" : account.hasPassword ? "активна" : "ждёт пароля"
                print("\(account.login)\t\(account.fullName)\t\(account.roles.sorted().map(\.rawValue).joined(separator: ","))\t\(state)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Отключить учётную запись и завершить все её сеансы.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Логин.") var login: String

        func run() async throws {
            let login = login
            try await withServices(database, logging) { services in
                let account = try await Self.account(services, login: login)
                _ = try await services.users.setActive(KonkursServices.commandLine, id: account.id, active: false)
            }
            print("Учётная запись «\(login)» отключена, её сеансы и токены завершены.")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Сбросить пароль: выдать новую ссылку-приглашение.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Логин.") var login: String
        @OptionGroup var link: PublicURLOption

        func run() async throws {
            let login = login
            let url = try await withServices(database, logging, link: link) { services in
                let account = try await Self.account(services, login: login)
                return services.links.invitation(try await services.users.resetPassword(KonkursServices.commandLine, id: account.id))
            }
            print("Пароль «\(login)» сброшен, сеансы и токены завершены. Новая ссылка (72 часа, один раз):\n\(url)")
        }
    }
}

extension ParsableCommand {
    /// The account named on the command line, or a message naming the login.
    static func account(_ services: KonkursServices, login: String) async throws -> UserAccount {
        do {
            return try await services.users.get(KonkursServices.commandLine, login: login)
        } catch ServiceError.notFound {
            throw CommandFailure(message: "учётная запись «\(login)» не найдена")
        }
    }
}
