import ArgumentParser
import KonkursCore

/// `--public-url`/`KONKURS_PUBLIC_URL`: the address people open, which every printed or sent link
/// starts with. `serve` defaults to where it listens; admin commands to what the service recorded.
struct PublicURLOption: ParsableArguments {
    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "Адрес сервиса для ссылок в письмах и приглашениях, например https://konkurs.example.ru (или KONKURS_PUBLIC_URL; по умолчанию адрес, на котором слушает serve).",
            valueName: "адрес"))
    var publicURL: String?

    /// The address given by the flag or the variable; nil when neither is set.
    func address(environment: Environment = .process) throws -> PublicAddress? {
        guard let text = publicURL ?? environment["KONKURS_PUBLIC_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        guard let address = PublicAddress(text) else {
            throw ValidationError("адрес сервиса «\(text)»: ожидается http:// или https:// с именем сервера, без ? и #")
        }
        return address
    }
}
