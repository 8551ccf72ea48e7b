/// The file formats an application may carry, recognised by their content, never by what the
/// browser claims: a file whose bytes do not match its extension is refused.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case pdf, doc, docx, jpeg, png
    /// A regulation file uploaded by the department.
    case yaml
    /// Marks typed in from paper sheets.
    case csv

    /// What an application may carry.
    public static let documents: [DocumentFormat] = [.pdf, .doc, .docx, .jpeg, .png]

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .doc: "application/msword"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .yaml: "application/yaml"
        case .csv: "text/csv"
        }
    }

    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .doc: ["doc"]
        case .docx: ["docx"]
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .yaml: ["yaml", "yml"]
        case .csv: ["csv", "txt"]
        }
    }

    /// "PDF, DOC, DOCX, JPG или PNG".
    static func names(_ formats: [DocumentFormat]) -> String {
        let names = formats.map { $0 == .jpeg ? "JPG" : $0.rawValue.uppercased() }
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " или " + names.last! : names.joined()
    }

    /// The format a name's extension promises, among those accepted.
    static func promised(by fileName: String, among formats: [DocumentFormat]) -> DocumentFormat? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        return formats.first { $0.extensions.contains(ext) }
    }

    /// Whether the first bytes are this format's signature. DOCX is a ZIP container; its Word part
    /// is confirmed by `DocumentUploadCheck` once the whole file has been seen.
    func matchesSignature(_ head: [UInt8]) -> Bool {
        let signature: [UInt8] =
            switch self {
            case .pdf: Array("%PDF-".utf8)
            case .doc: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
            case .docx: [0x50, 0x4B, 0x03, 0x04]
            case .jpeg: [0xFF, 0xD8, 0xFF]
            case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            case .yaml, .csv: []
            }
        // Text has no signature; a NUL byte near the start says it is not text.
        return signature.isEmpty ? !head.contains(0) : head.starts(with: signature)
    }
}

/// Checks an uploaded file as its bytes arrive: the name, the size limits and that the content is
/// what the name says. Pure, so the web layer can stream into it and stop at the first problem.
public struct DocumentUploadCheck: Sendable {
    public let fileName: String
    public let format: DocumentFormat
    public let maximumSize: Int
    public private(set) var size = 0
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var sawWordPart = false

    /// Refuses names that could address a path or hide their extension, and formats not accepted.
    public init(fileName: String, maximumSize: Int, formats: [DocumentFormat] = DocumentFormat.documents) throws(InvalidInput) {
        let name = fileName.trimmingSpaces
        if name.isEmpty || name.count > 200 {
            throw InvalidInput([.init(field: "file", message: "Имя файла — от 1 до 200 символов")])
        }
        if name.contains("/") || name.contains("\\") || name.hasPrefix(".")
            || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        {
            throw InvalidInput([
                .init(field: "file", message: "Имя файла «\(name)» содержит разделители пути или служебные символы: переименуйте файл")
            ])
        }
        guard let format = DocumentFormat.promised(by: name, among: formats) else {
            throw InvalidInput([.init(field: "file", message: "Файл «\(name)»: принимаются только \(DocumentFormat.names(formats))")])
        }
        self.fileName = name
        self.format = format
        self.maximumSize = maximumSize
    }

    /// Takes the next piece of the file; throws as soon as the file is too big.
    public mutating func consume(_ bytes: some Collection<UInt8>) throws(FileTooLarge) {
        size += bytes.count
        if size > maximumSize { throw FileTooLarge(fileName: fileName, maximumSize: maximumSize) }
        if head.count < 8 { head += bytes.prefix(8 - head.count) }
        if format == .docx && !sawWordPart {
            // The part name may straddle two pieces: search the previous piece's end with this one.
            let window = tail + bytes
            sawWordPart = window.firstRange(of: Array("word/".utf8)) != nil
            tail = Array(window.suffix(4))
        }
    }

    /// Called once the whole file has arrived: the content must be what the extension promised.
    public func finish() throws(InvalidInput) {
        if size == 0 { throw InvalidInput([.init(field: "file", message: "Файл «\(fileName)» пуст")]) }
        if !format.matchesSignature(head) || (format == .docx && !sawWordPart) {
            throw InvalidInput([
                .init(
                    field: "file",
                    message: "Файл «\(fileName)» не является файлом \(format.rawValue.uppercased()): его содержимое не совпадает с расширением")
            ])
        }
    }

    public static func megabytes(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) МБ" : "\(max(1, bytes / 1024)) КБ"
    }
}

/// An upload over its limit, refused as soon as the limit is passed (HTTP 413).
public struct FileTooLarge: ActionableError, Equatable {
    public let fileName: String
    public let maximumSize: Int

    public init(fileName: String, maximumSize: Int) {
        self.fileName = fileName
        self.maximumSize = maximumSize
    }

    public var message: String {
        "файл «\(fileName)» больше \(DocumentUploadCheck.megabytes(maximumSize)) — столько ещё можно приложить к заявке: уменьшите файл или разделите его"
    }
}
