import ArgumentParser
import Foundation
import KonkursCore
import KonkursService

/// `konkurs event programme|schedule|present|certificates|print`: participation events.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Мероприятия: программа, присутствие, сертификаты участников.",
        subcommands: [Programme.self, Schedule.self, Present.self, Certificates.self, Print.self])

    struct Programme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Программа мероприятия (день, время, место, тема, ведущие).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса (мероприятия).") var contest: Int64

        func run() async throws {
            let contest = contest
            for line in try await withServices(database, logging, { try await $0.events.programme(KonkursServices.commandLine, contestID: contest) })
            {
                print([line.session.day.russian, line.session.starts, line.session.place, line.title, line.presenters].joined(separator: "\t"))
            }
        }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Включить допущенную заявку в программу (или перенести): день, время, место.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер заявки ведущего.") var application: Int64
        @Option(help: "День, ГГГГ-ММ-ДД.") var day: String
        @Option(help: "Время начала, ЧЧ:ММ.") var starts: String
        @Option(help: "Место (аудитория, адрес).") var place: String

        func run() async throws {
            let (application, day, starts, place) = (application, day, starts, place)
            let session = try await withServices(database, logging) {
                try await $0.events.schedule(KonkursServices.commandLine, applicationID: application, day: day, starts: starts, place: place)
            }
            print("Заявка №\(application) в программе: \(session.day.russian) \(session.starts), \(session.place).")
        }
    }

    struct Present: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Отметить слушателя присутствовавшим (или снять отметку: --absent).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер слушателя.") var attendee: Int64
        @Flag(help: "Не присутствовал(а).") var absent = false

        func run() async throws {
            let (attendee, absent) = (attendee, absent)
            let marked = try await withServices(database, logging) {
                try await $0.events.markPresent(KonkursServices.commandLine, attendeeID: attendee, present: !absent)
            }
            print("\(marked.fullName): \(marked.present ? "присутствовал(а)" : "не присутствовал(а)").")
        }
    }

    struct Certificates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Приказ об утверждении итогов мероприятия: сертификаты ведущим и присутствовавшим слушателям.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса (мероприятия).") var contest: Int64
        @Option(help: "Номер приказа.") var order: String
        @Option(help: "Дата приказа, ГГГГ-ММ-ДД.") var date: String

        func run() async throws {
            let (contest, order, date) = (contest, order, date)
            let issued = try await withServices(database, logging) {
                try await $0.events.issueCertificates(KonkursServices.commandLine, contestID: contest, order: order, date: date)
            }
            print("Итоги утверждены и опубликованы; пронумеровано сертификатов: \(issued).")
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Сертификаты мероприятия одним документом для печати.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Номер конкурса (мероприятия).") var contest: Int64
        @Option(name: [.short, .long], help: "Файл HTML.") var out: String

        func run() async throws {
            let contest = contest
            let html = try await withServices(database, logging) { try await $0.events.certificates(KonkursServices.commandLine, contestID: contest) }
            try OutputFiles.write(html.utf8, to: out)
            print("Записан \(out).")
        }
    }
}
