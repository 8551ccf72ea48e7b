import Foundation
import Hummingbird
import KonkursCore
import MultipartKit
import NIOCore

/// Reads an uploaded file from a request as it streams in, checking it on the way: a file over its
/// limit is refused at the first byte past the limit (or at once from `Content-Length`), so nothing
/// larger than the limit is ever held in memory.
enum UploadReader {
    struct Received {
        let fileName: String
        let content: ByteBuffer
        /// The small text fields sent before the file in an HTML form (`csrf`, `kind`).
        let fields: [String: String]
    }

    /// The API's way: the body is the file itself.
    static func raw(_ request: Request, fileName: String, maximumSize: Int) async throws -> Received {
        var check = try DocumentUploadCheck(fileName: fileName, maximumSize: maximumSize)
        try refuseDeclaredLength(request, check)
        var content = ByteBuffer()
        for try await chunk in request.body {
            try check.consume(chunk.readableBytesView)
            content.writeImmutableBuffer(chunk)
        }
        try check.finish()
        return Received(fileName: check.fileName, content: content, fields: [:])
    }

    /// An HTML form (`multipart/form-data`) with text fields and one file field.
    static func form(_ request: Request, maximumSize: Int, formats: [DocumentFormat] = DocumentFormat.documents) async throws -> Received {
        guard let boundary = boundary(request) else {
            throw InvalidInput([.init(field: "file", message: "Ожидается форма с файлом (multipart/form-data)")])
        }
        let state = FormState(maximumSize: maximumSize, formats: formats)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumSize + FormState.fieldsAllowance {
            throw FileTooLarge(fileName: "", maximumSize: maximumSize)
        }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { state.header($0, $1) }
        parser.onBody = { state.body(&$0) }
        parser.onPartComplete = { state.partComplete() }
        for try await chunk in request.body {
            do {
                try parser.execute(chunk)
            } catch {
                throw InvalidInput([.init(field: "file", message: "Форма с файлом повреждена: отправьте её ещё раз")])
            }
            if let problem = state.problem { throw problem }
        }
        guard let check = state.finishedFile else {
            throw InvalidInput([.init(field: "file", message: "Выберите файл")])
        }
        try check.finish()
        return Received(fileName: check.fileName, content: state.content, fields: state.fields)
    }

    static func refuseDeclaredLength(_ request: Request, _ check: DocumentUploadCheck) throws {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > check.maximumSize {
            throw FileTooLarge(fileName: check.fileName, maximumSize: check.maximumSize)
        }
    }

    static func boundary(_ request: Request) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let value = headerParameter("boundary", in: type)
        else { return nil }
        return value.isEmpty || value.count > 200 ? nil : value
    }

    /// A parameter of a header value such as `form-data; name="file"; filename="a;b.pdf"` (quotes may
    /// hold `;`; browsers write a quote inside a name as `%22`).
    static func headerParameter(_ key: String, in header: String) -> String? {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == key else { continue }
            var value = pair[1].trimmingSpaces
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "%22", with: "\"")
        }
        return nil
    }
}

/// What the multipart parser has seen so far; its callbacks cannot throw, so the first problem is
/// kept and raised after the chunk.
private final class FormState {
    /// Room for the text fields beside the file.
    static let fieldsAllowance = 16 * 1024

    let maximumSize: Int
    let formats: [DocumentFormat]
    var fields: [String: String] = [:]
    var content = ByteBuffer()
    var problem: (any Error)?
    var finishedFile: DocumentUploadCheck?
    private var disposition: String?
    private var file: DocumentUploadCheck?
    private var text: [UInt8] = []
    private var textBytes = 0

    init(maximumSize: Int, formats: [DocumentFormat]) {
        self.maximumSize = maximumSize
        self.formats = formats
    }

    func header(_ name: String, _ value: String) {
        if name.lowercased() == "content-disposition" { disposition = value }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard problem == nil else { return }
        do {
            if file == nil && text.isEmpty, let fileName = parameter("filename") {
                guard finishedFile == nil else { throw InvalidInput([.init(field: "file", message: "Приложите один файл за раз")]) }
                file = try DocumentUploadCheck(fileName: fileName, maximumSize: maximumSize, formats: formats)
            }
            if file != nil {
                try file!.consume(buffer.readableBytesView)
                content.writeBuffer(&buffer)
            } else {
                textBytes += buffer.readableBytes
                guard textBytes <= Self.fieldsAllowance else { throw InvalidInput([.init(field: "form", message: "Слишком длинные поля формы")]) }
                text += buffer.readableBytesView
            }
        } catch {
            problem = error
        }
    }

    func partComplete() {
        if let name = parameter("name") {
            if let file {
                finishedFile = file
            } else if parameter("filename") == nil {
                fields[name] = String(decoding: text, as: UTF8.self)
            }
        }
        disposition = nil
        file = nil
        text = []
    }

    private func parameter(_ key: String) -> String? {
        disposition.flatMap { UploadReader.headerParameter(key, in: $0) }
    }
}
