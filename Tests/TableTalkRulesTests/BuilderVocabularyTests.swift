import Foundation
import Testing
@testable import TableTalkRules

/// Words are data: the plan builder's and the schema linker's code name only English grammar words
/// (grammar-words.json); every other word they look for comes from a named lexicon list, so no
/// `word == "revenue"` special case can come back.
@Suite struct BuilderVocabularyTests {
    static let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TableTalkRules")

    /// Words the builder's code compares tokens or column names with, by file and line.
    static func wordsNamedInCode(_ text: String) -> [(line: Int, word: String)] {
        let patterns: [Regex<Substring>] = [
            #/(?:==|!=)\s*"[a-z' ]+"/#, #/"[a-z' ]+"\s*(?:==|!=)/#,
            #/\[\s*"[a-z' ]+"(?:\s*,\s*"[a-z' ]+")*\s*\]/#,
            #/(?:find|at|has|key|hasSuffix|hasPrefix|contains|w)\((?:[^()"]*,\s*)?"[a-z' ]+"/#,
        ]
        var found: [(Int, String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = codePart(of: String(raw))
            var spans = line.trimmingCharacters(in: .whitespaces).hasPrefix("case \"") ? [Substring(line)] : []
            for p in patterns { spans += line.matches(of: p).map(\.output) }
            for span in spans {
                for m in span.matches(of: #/"([a-z' ]+)"/#) {
                    found += m.output.1.split(separator: " ").map { (n + 1, String($0)) }
                }
            }
        }
        return found
    }

    /// A line without its comment (a `//` outside a string literal).
    static func codePart(of line: String) -> String {
        var inString = false, previous: Character = " "
        var out = ""
        for c in line {
            if c == "\"" && previous != "\\" { inString.toggle() }
            if !inString && c == "/" && previous == "/" { out.removeLast(); break }
            out.append(c)
            previous = c
        }
        return out
    }

    @Test(arguments: ["Building", "Linking"])
    func theParserNamesOnlyGrammarWords(folder: String) throws {
        let grammar = try Lexicon(directory: Lexicon.resourceDirectory).grammarWords.words
        let sources = Self.rules.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 8)
        var checked = 0
        var strays: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (line, word) in Self.wordsNamedInCode(text) {
                checked += 1
                if !grammar.contains(word) { strays.append("\(file):\(line) \"\(word)\"") }
            }
        }
        #expect(checked > 5)
        #expect(strays.isEmpty, "words named in the builder's code that are not grammar words (put them in a lexicon list): \(strays)")
    }

    /// Every list the linker reads by name is in linker-words.json, and every list there is read.
    @Test func linkerWordListsAreAllThereAndUsed() throws {
        let source = try String(contentsOf: Self.rules.appendingPathComponent("Lexicon/LinkerWords.swift"), encoding: .utf8)
        let declared = Set(source.matches(of: /static let (\w+) = words\("(\w+)"\)/).map { String($0.output.2) })
        let lexicon = try Lexicon(directory: Lexicon.resourceDirectory)
        #expect(declared == Set(lexicon.linkerWords.lists.keys))
        #expect(ColumnProfile.truthWords["yes"] == true && ColumnProfile.truthWords["0"] == false)
    }

    /// The scanner sees the shapes a word test takes in Swift, and not comments or messages.
    @Test func theScannerFindsWordTests() {
        let code = """
            if word == "revenue" { }  // "ignored" in a comment
            case "sales", "income":
            let x = ["profit", "margin"].contains(w)
            if c.has("price") || s.find("cost") != nil || s.at(i, "per unit") { }
            s.problems.append("a message about dates")
            """
        let words = Set(Self.wordsNamedInCode(code).map(\.word))
        #expect(words == ["revenue", "sales", "income", "profit", "margin", "price", "cost", "per", "unit"])
    }
}
