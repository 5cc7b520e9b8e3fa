/// Tells text from binary by content, not by file name: known file signatures, NUL bytes, control characters.
package enum BinarySniffer {
    private static let signatures: [(bytes: [UInt8], kind: String)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (an .xlsx or .docx file?)"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document (.xls?)"),
        (Array("%PDF".utf8), "a PDF document"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("SQLite format 3".utf8), "an SQLite database"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        (Array("PAR1".utf8), "a Parquet file"),
        ([0x42, 0x5A, 0x68], "a bzip2 archive"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz archive"),
    ]

    /// A description of the file type when `head` starts with a known binary signature.
    package static func magic(_ head: [UInt8]) -> String? {
        signatures.first { head.starts(with: $0.bytes) }?.kind
    }

    /// Throws `notCSV` when `head` (8-bit text) holds a NUL byte or too many control characters.
    package static func checkText(_ head: [UInt8]) throws {
        var control = 0
        for (i, b) in head.enumerated() {
            if b == 0 {
                throw TableTalkErrorFactory.notCSV(
                    "it contains NUL bytes (binary data)", line: EncodingDetector.lineOf(i, in: head))
            }
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F { control += 1 }
        }
        if control > 8 && control * 100 > head.count * 2 {
            throw TableTalkErrorFactory.notCSV("\(control) control characters in the first \(head.count) bytes")
        }
    }
}
