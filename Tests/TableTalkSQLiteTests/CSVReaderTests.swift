import Foundation
import Testing
import TableTalkCore
@testable import TableTalkCSV
@testable import TableTalkSQLite

/// The tokenizer on its own: records and line numbers must not depend on where chunk boundaries fall.
@Suite struct CSVReaderTests {
    static let tricky =
        "a,b,c\r\n1,\"x,\"\"y\"\"\",3\n2,\"multi\r\nline\",4\r5,  padded  ,\"é😀\"\r\n\n6,\"\",7\n8,,\"end\""

    func records(_ bytes: [UInt8], encoding: TextEncoding = .utf8, delimiter: UInt8 = 0x2C, chunk: Int) throws
        -> [([String], Int)]
    {
        let reader = CSVReader(
            source: ByteSource(bytes: bytes, encoding: encoding), delimiter: delimiter, backslashEscapes: false,
            limits: CSVLimits(), chunkSize: chunk)
        var out: [([String], Int)] = []
        while try reader.next() { out.append((reader.strings(), reader.recordLine)) }
        return out
    }

    @Test(arguments: [64, 65, 77, 97, 128, 1000, 4 << 20])
    func chunkBoundariesDoNotMatter(_ chunk: Int) throws {
        let got = try records(Array(Self.tricky.utf8), chunk: chunk)
        #expect(got.map(\.0) == [
            ["a", "b", "c"], ["1", "x,\"y\"", "3"], ["2", "multi\r\nline", "4"], ["5", "padded", "é😀"],
            ["6", "", "7"], ["8", "", "end"],
        ])
        #expect(got.map(\.1) == [1, 2, 3, 5, 7, 8])
    }

    @Test(arguments: [64, 99, 4096])
    func utf16AndLatin1SourcesTranscodeAcrossChunks(_ chunk: Int) throws {
        let text = String(repeating: "Grüße,😀,ok\n", count: 50)
        let le = try records(Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, encoding: .utf16LE, chunk: chunk)
        #expect(le.count == 50 && le.allSatisfy { $0.0 == ["Grüße", "😀", "ok"] })
        let latin = try records(Array(String(repeating: "caf\u{E9},1\n", count: 40).unicodeScalars.map { UInt8($0.value) }),
            encoding: .latin1, chunk: chunk)
        #expect(latin.count == 40 && latin.allSatisfy { $0.0 == ["café", "1"] })
    }

    @Test func unclosedQuoteNamesTheLineWhereItOpened() throws {
        let bytes = Array("a,b\n1,\"x\ny\"\n2,\"open\nmore\nlines\n".utf8)
        #expect { try records(bytes, chunk: 64) } throws: { e in
            (e as? TableTalkError)?.kind == .csvUnclosedQuote && (e as? TableTalkError)?.details["line"] == "4"
        }
    }

    @Test func sniffsTheDelimiter() {
        func sniff(_ s: String) -> UInt8 { DialectSniffer.sniff(Array(s.utf8), complete: true).delimiter }
        #expect(sniff("a,b,c\n1,2,3\n") == 0x2C)
        #expect(sniff("a;b;c\n1,5;2,5;3\n") == 0x3B)
        #expect(sniff("a\tb\n\"x,y\"\t2\n") == 0x09)
        #expect(sniff("a|b|c\n1|2|3\n") == 0x7C)
        #expect(sniff("name\nalpha, beta\n") == 0x2C)
    }
}
