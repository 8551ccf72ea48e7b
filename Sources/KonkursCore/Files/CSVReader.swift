/// A field of a CSV record: bytes of the file, valid only while `forEachRecord` runs.
public typealias CSVField = Slice<UnsafeBufferPointer<UInt8>>

/// RFC 4180 CSV on raw UTF-8 bytes: comma-separated, fields optionally in double quotes, a doubled
/// quote inside quotes is a quote, CRLF or LF line ends, an optional UTF-8 BOM. Fields are handed out
/// as views into the file's bytes (no copy, no reference counting) to keep 5 million rows cheap.
public struct CSVReader {
    public struct Malformed: Error, Sendable, Equatable {
        public let line: Int
        public let problem: String
    }

    private let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Calls `body` with each record's fields and the line it starts on (1 = the first line).
    /// Blank lines are skipped. Stops at the first malformed record.
    public func forEachRecord(_ body: (_ fields: [CSVField], _ line: Int) throws -> Void) throws {
        try self.bytes.withUnsafeBufferPointer { bytes in try forEachRecord(in: bytes, body) }
    }

    private func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ fields: [CSVField], _ line: Int) throws -> Void) throws {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        let carriage = UInt8(ascii: "\r")
        // Fields with escaped quotes are rewritten into buffers of their own, freed after each record.
        var unescaped: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { for buffer in unescaped { buffer.deallocate() } }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var fields: [CSVField] = []
        fields.reserveCapacity(16)
        let end = bytes.count
        while index < end {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            for buffer in unescaped { buffer.deallocate() }
            unescaped.removeAll(keepingCapacity: true)
            var atRecordEnd = false
            while !atRecordEnd {
                if index < end && bytes[index] == quote {
                    // Quoted field: runs to the closing quote; "" is an escaped quote.
                    index += 1
                    let start = index
                    var escaped = false
                    while true {
                        guard index < end else { throw Malformed(line: recordLine, problem: "кавычка не закрыта") }
                        if bytes[index] == quote {
                            if index + 1 < end && bytes[index + 1] == quote {
                                escaped = true
                                index += 2
                                continue
                            }
                            break
                        }
                        if bytes[index] == newline { line += 1 }
                        index += 1
                    }
                    let raw = bytes[start..<index]
                    if escaped {
                        let copy = Self.unescape(raw)
                        unescaped.append(copy)
                        fields.append(UnsafeBufferPointer(copy)[...])
                    } else {
                        fields.append(raw)
                    }
                    index += 1  // closing quote
                    guard index >= end || bytes[index] == comma || bytes[index] == newline || bytes[index] == carriage else {
                        throw Malformed(line: line, problem: "после закрывающей кавычки ожидается запятая или конец строки")
                    }
                } else {
                    let start = index
                    while index < end, bytes[index] != comma, bytes[index] != newline, bytes[index] != carriage {
                        if bytes[index] == quote { throw Malformed(line: line, problem: "кавычка внутри поля без кавычек") }
                        index += 1
                    }
                    fields.append(bytes[start..<index])
                }
                if index < end && bytes[index] == comma {
                    index += 1
                    continue
                }
                if index < end && bytes[index] == carriage { index += 1 }
                if index < end && bytes[index] == newline { index += 1 }
                line += 1
                atRecordEnd = true
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            try body(fields, recordLine)
        }
    }

    /// A copy of a quoted field with every doubled quote made single.
    private static func unescape(_ raw: CSVField) -> UnsafeMutableBufferPointer<UInt8> {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            result.append(raw[index])
            index += raw[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(result.count, 1))
        _ = buffer.initialize(from: result)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<result.count])
    }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// The field as text, without surrounding spaces.
    var text: String { String(decoding: trimmed, as: UTF8.self) }

    /// The field without surrounding spaces and tabs, without copying.
    var trimmed: CSVField {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == 0x20 || self[start] == 0x09 { start += 1 }
        while end > start, self[end - 1] == 0x20 || self[end - 1] == 0x09 { end -= 1 }
        return self[start..<end]
    }
}
