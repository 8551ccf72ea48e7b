import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs results protocol|sign|approve|publish`: protocols as documents and their publication.
extension ResultsCommand {
    struct DrawProtocol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "protocol", abstract: "Составить протокол (следующую версию) по текущим оценкам; затем его подписывает жюри.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Пояснение к новой версии.") var note: String?

        func run() async throws {
            let (contest, note) = (contest, note)
            let stored = try await withServices(database, logging) {
                try await $0.protocols.draw(KonkursServices.commandLine, contestID: contest, note: note)
            }
            print(
                "Протокол № \(stored.version) (id \(stored.id)) составлен; SHA-256 \(stored.sha256). Нужно подписей: \(stored.signaturesRequired), включая председателя."
            )
        }
    }

    /// Signatures are given by jurors in their accounts; this records one given on the printed protocol.
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Внести подпись члена жюри, поставленную на бумажном протоколе.",
            discussion:
                "Члены жюри подписывают протокол в личном кабинете; эта команда — для подписи на распечатке, она записывается как внесённая секретарём."
        )
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер протокола (id).") var `protocol`: Int64
        @Option(help: "Логин подписавшего члена жюри.") var login: String

        func run() async throws {
            let (id, login) = (self.protocol, login)
            let overview = try await withServices(database, logging) {
                try await $0.protocols.signOnPaper(KonkursServices.commandLine, protocolID: id, login: login)
            }
            print("Подпись внесена: \(overview.signatures.count) из \(overview.stored.signaturesRequired); протокол \(overview.stored.status.title).")
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Внести приказ об утверждении итогов (номер и дата).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(help: "Номер приказа.") var order: String
        @Option(help: "Дата приказа, ГГГГ-ММ-ДД.") var date: String

        func run() async throws {
            let (contest, order, date) = (contest, order, date)
            _ = try await withServices(database, logging) {
                try await $0.publications.approve(KonkursServices.commandLine, contestID: contest, order: order, date: date)
            }
            print("Итоги конкурса №\(contest) утверждены приказом № \(order) от \(date).")
        }
    }

    /// Publication by two people: one asks (`--as` the first), another confirms (`--confirm --as` the second).
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Опубликовать итоги: запрос одного сотрудника и подтверждение другого (--confirm).",
            discussion: "Правило двух подписей: подтверждает не тот, кто запросил. --as — логин сотрудника, от имени которого действует команда.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса.") var contest: Int64
        @Option(name: .customLong("as"), help: "Логин сотрудника оргкомитета.") var login: String
        @Option(help: "Пояснение к исправленной редакции.") var note: String?
        @Flag(help: "Подтвердить ожидающую публикацию.") var confirm = false

        func run() async throws {
            let (contest, login, note, confirm) = (contest, login, note, confirm)
            let publication = try await withServices(database, logging) { services in
                let origin = try await services.users.origin(actingAs: login)
                return confirm
                    ? try await services.publications.confirm(origin, contestID: contest)
                    : try await services.publications.request(origin, contestID: contest, note: note)
            }
            print(
                confirm
                    ? "Опубликована версия \(publication.version); страница: /contests/\(contest)/results"
                    : "Версия \(publication.version) ждёт подтверждения другим сотрудником: konkurs results publish --contest \(contest) --confirm --as ЛОГИН"
            )
        }
    }

    /// `konkurs results document --protocol ID --format html -o F`: a stored protocol as a document.
    struct Document: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Выгрузить протокол: html (для печати, A4), csv, xlsx, json или snapshot (подписанный снимок).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер протокола (id).") var `protocol`: Int64
        @Option(help: "Формат.") var format: ProtocolService.Rendering = .html
        @Option(name: [.short, .long], help: "Файл.") var out: String

        func run() async throws {
            let (id, format) = (self.protocol, format)
            let document = try await withServices(database, logging) {
                try await $0.protocols.render(KonkursServices.commandLine, protocolID: id, as: format)
            }
            try OutputFiles.write(document.bytes, to: out)
            print("Записан \(out).")
        }
    }
}

extension ProtocolService.Rendering: ExpressibleByArgument {}
