import KonkursCore

/// What stops the schema from being brought up to date.
public enum MigrationError: ActionableError, Equatable {
    case folderUnreadable(path: String, reason: String)
    case badFileName(String)
    case duplicateVersion(Int)
    case checksumMismatch(version: Int, name: String)
    case unknownApplied(version: Int, name: String)
    case failed(version: Int, name: String, reason: String)

    public var message: String {
        switch self {
        case .folderUnreadable(let path, let reason):
            "не удаётся прочитать миграции в \(path): \(reason)"
        case .badFileName(let name):
            "файл миграции «\(name)» назван неверно: ожидается NNNN_название.sql"
        case .duplicateVersion(let version):
            "две миграции с номером \(version): номера должны быть уникальны"
        case .checksumMismatch(let version, let name):
            "миграция \(version) «\(name)» изменена после применения к базе. Верните файл в прежний вид "
                + "и оформите изменение новой миграцией"
        case .unknownApplied(let version, let name):
            "в базе применена миграция \(version) «\(name)», которой нет в этой версии программы: база новее программы"
        case .failed(let version, let name, let reason):
            "миграция \(version) «\(name)» не применена: \(reason). База осталась в прежнем состоянии"
        }
    }
}
