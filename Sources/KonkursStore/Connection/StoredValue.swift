import Foundation
import KonkursCore

/// A stored value this version of Konkurs cannot read: an unknown phase or status (a newer instance
/// wrote it during an upgrade), or broken stored JSON. Reading it as a default would act on a wrong
/// state, so the read fails naming the row.
public struct StoredValueError: ActionableError, Equatable {
    public let table: String
    public let column: String
    public let id: Int64
    public let value: String

    public init(table: String, column: String, id: Int64, value: String) {
        self.table = table
        self.column = column
        self.id = id
        self.value = value
    }

    public var message: String {
        "в базе данных запись \(id) таблицы \(table) хранит в столбце \(column) значение «\(value.prefix(80))», которого эта версия Konkurs не знает; "
            + "обновите программу до версии, записавшей его"
    }
}

/// Reading stored text into typed values, loudly.
enum StoredValue {
    static func decode<Value: RawRepresentable>(_ raw: String, as type: Value.Type, _ table: String, _ column: String, id: Int64)
        throws(StoredValueError)
        -> Value where Value.RawValue == String
    {
        guard let value = Value(rawValue: raw) else { throw StoredValueError(table: table, column: column, id: id, value: raw) }
        return value
    }

    static func json<Value: Decodable>(_ raw: String, as type: Value.Type, _ table: String, _ column: String, id: Int64) throws(StoredValueError)
        -> Value
    {
        do {
            return try JSONDecoder().decode(type, from: Data(raw.utf8))
        } catch {
            throw StoredValueError(table: table, column: column, id: id, value: raw)
        }
    }
}
