/// Decides a file's encoding from its first bytes and rejects content that is not text.
package enum EncodingDetector {
    package struct Result {
        var encoding: TextEncoding
        var warnings: [String]
    }

    /// `head` is the first bytes of the file (64 KiB is plenty).
    package static func detect(_ head: [UInt8]) throws -> Result {
        if head.isEmpty { throw TableTalkErrorFactory.empty("the file is empty") }
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw TableTalkErrorFactory.encoding("line 1: UTF-32 is not supported; save the file as UTF-8")
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8OrLatin1(Array(head.dropFirst(3)), bom: true)
        }
        if head.starts(with: [0xFF, 0xFE]) { return Result(encoding: .utf16LE, warnings: []) }
        if head.starts(with: [0xFE, 0xFF]) { return Result(encoding: .utf16BE, warnings: []) }
        if let kind = BinarySniffer.magic(head) { throw TableTalkErrorFactory.notCSV("it looks like \(kind)") }
        if let le = utf16WithoutBOM(head) {
            return Result(
                encoding: le ? .utf16LE : .utf16BE,
                warnings: ["no byte-order mark: read as UTF-16\(le ? "LE" : "BE") from the pattern of zero bytes"])
        }
        try BinarySniffer.checkText(head)
        return try utf8OrLatin1(head, bom: false)
    }

    private static func utf8OrLatin1(_ bytes: [UInt8], bom: Bool) throws -> Result {
        let bad = bytes.withUnsafeBufferPointer { p in
            UTF8Validator.firstInvalid(p.baseAddress!, count: p.count, allowTruncatedTail: true)
        }
        guard let bad else { return Result(encoding: bom ? .utf8BOM : .utf8, warnings: []) }
        if bom {
            throw TableTalkErrorFactory.encoding(
                "line \(lineOf(bad, in: bytes)): invalid UTF-8 in a file marked as UTF-8 (byte-order mark)")
        }
        return Result(
            encoding: .latin1,
            warnings: [
                "line \(lineOf(bad, in: bytes)): not valid UTF-8; the file was read as Latin-1 (Windows-1252)"
            ])
    }

    /// Little-endian (true) / big-endian (false) when every other byte is zero, as in ASCII text in UTF-16.
    private static func utf16WithoutBOM(_ head: [UInt8]) -> Bool? {
        let n = min(head.count, 4096) & ~1
        guard n >= 8 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for i in stride(from: 0, to: n, by: 2) {
            if head[i] == 0 { zeroEven += 1 }
            if head[i + 1] == 0 { zeroOdd += 1 }
        }
        let units = n / 2
        if zeroOdd * 10 >= units * 7 && zeroEven * 20 <= units { return true }
        if zeroEven * 10 >= units * 7 && zeroOdd * 20 <= units { return false }
        return nil
    }

    package static func lineOf(_ offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }
}
