import Testing

@testable import KonkursCore

@Suite struct DocumentUploadTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    func check(_ name: String, _ pieces: [[UInt8]], limit: Int = 1000) throws -> DocumentUploadCheck {
        var check = try DocumentUploadCheck(fileName: name, maximumSize: limit)
        for piece in pieces { try check.consume(piece) }
        try check.finish()
        return check
    }

    @Test func contentMustBeWhatTheExtensionPromises() throws {
        #expect(try check("Портфолио.pdf", [Self.pdf]).format == .pdf)
        #expect(try check("photo.PNG", [Self.png]).format == .png)
        let lie = #expect(throws: InvalidInput.self) { try check("photo.jpg", [Self.png]) }
        #expect(lie?.problems.first?.message == "Файл «photo.jpg» не является файлом JPEG: его содержимое не совпадает с расширением")
        #expect(throws: InvalidInput.self) { try check("page.pdf", [Array("<html><script>alert(1)</script>".utf8)]) }
        // A ZIP that is not a Word document is not a DOCX.
        #expect(throws: InvalidInput.self) { try check("archive.docx", [[0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8)]) }
        // The Word part's name may arrive split across two pieces.
        #expect(
            try check("letter.docx", [[0x50, 0x4B, 0x03, 0x04] + Array("[Content_Types].xml wo".utf8), Array("rd/document.xml".utf8)]).format == .docx
        )
        #expect(throws: InvalidInput.self) { try check("empty.pdf", []) }
    }

    @Test func namesThatCouldAddressAPathOrHideTheirTypeAreRefused() {
        for name in [
            "../../etc/passwd.pdf", "C:\\Users\\a.pdf", "dir/a.pdf", ".hidden.pdf", "a\u{0}.pdf", "report.exe", "report", "report.pdf.html", "",
        ] {
            #expect(throws: InvalidInput.self, "\(name.debugDescription)") { try DocumentUploadCheck(fileName: name, maximumSize: 10) }
        }
    }

    @Test func aFileIsRefusedAtTheFirstPiecePastTheLimit() throws {
        var check = try DocumentUploadCheck(fileName: "big.pdf", maximumSize: 10)
        try check.consume(Array("%PDF-1".utf8))
        let error = #expect(throws: FileTooLarge.self) { try check.consume([UInt8](repeating: 0x20, count: 5)) }
        #expect(error?.maximumSize == 10)
        #expect(check.size == 11, "only what arrived was counted")
    }

    @Test func tablesBecomeCSVWithFormulasDisarmedAndDeterministicXLSX() {
        let table = Table(header: ["№", "ФИО"], rows: [["1", "=HYPERLINK(\"x\")"], ["2", "Ким, Мария\n«Солнышко»"]])
        #expect(table.csv() == "№,ФИО\r\n1,\"'=HYPERLINK(\"\"x\"\")\"\r\n2,\"Ким, Мария\n«Солнышко»\"\r\n")
        #expect(Table(header: ["place"], rows: [["=5"]]).csv(protectFormulas: false) == "place\r\n=5\r\n")
        let workbook = table.xlsx()
        #expect(workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(workbook == table.xlsx(), "the same rows give the same bytes")
        #expect(
            String(decoding: workbook, as: UTF8.self).contains("<t xml:space=\"preserve\">=HYPERLINK(&quot;x&quot;)</t>"),
            "a cell is text, never a formula")
        #expect([0, 25, 26, 27, 701, 702].map(Table.columnName) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926, "the standard check value")
    }
}
