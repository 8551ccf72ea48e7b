import KonkursCore

/// Why the private PostgreSQL cluster could not be prepared, started or stopped.
public enum EmbeddedPostgresError: ActionableError, Equatable {
    case binariesMissing
    case dataDirectoryNotWritable(path: String, reason: String)
    case dataDirectoryNotCluster(path: String)
    case dataDirectoryInUse(path: String)
    case unsupportedPath(path: String)
    case systemUserMissing(name: String)
    /// The postgres account cannot pass through `folder` on the way to the data folder, and passage
    /// could not be granted (`reason`).
    case folderClosedToPostgres(folder: String, dataDirectory: String, reason: String)
    case commandFailed(step: String, exitCode: Int32, logTail: String, logPath: String)

    public var message: String {
        switch self {
        case .binariesMissing:
            "не найдены программы PostgreSQL (initdb, pg_ctl) ни в PATH, ни в /usr/lib/postgresql/*/bin. "
                + "Установите их: sudo apt-get install postgresql (или задайте DATABASE_URL внешнего сервера)"
        case .dataDirectoryNotWritable(let path, let reason):
            "папка данных \(path) недоступна для записи (\(reason)). Укажите другую через --data-dir или KONKURS_DATA_DIR"
        case .dataDirectoryNotCluster(let path):
            "папка данных \(path) не пуста и не содержит кластер PostgreSQL. Укажите пустую или новую папку через --data-dir"
        case .dataDirectoryInUse(let path):
            "папка данных \(path) уже используется другим процессом konkurs. Остановите его или укажите другую папку через --data-dir"
        case .unsupportedPath(let path):
            "путь \(path) содержит кавычку или перевод строки; выберите папку с простым именем"
        case .folderClosedToPostgres(let folder, let dataDirectory, let reason):
            "системный пользователь postgres не может пройти в папку \(folder) к данным \(dataDirectory) (\(reason)). "
                + "Установите пакет acl (apt-get install acl), и Konkurs выдаст ему право прохода сам, или выдайте его: "
                + "setfacl -m u:postgres:x \(folder); либо укажите --data-dir в доступной папке, например /var/lib/konkurs/pgdata"
        case .systemUserMissing(let name):
            "запуск от root требует системного пользователя «\(name)» (он создаётся пакетом postgresql): sudo apt-get install postgresql"
        case .commandFailed(let step, let exitCode, let logTail, let logPath):
            "PostgreSQL: \(step) завершился с кодом \(exitCode). Журнал: \(logPath)"
                + (logTail.isEmpty ? "" : ". Последние строки: \(logTail)")
        }
    }
}
