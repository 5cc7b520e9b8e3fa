import Foundation
import TableTalkProtocol

/// A scripted session from `Protocol/transcripts/*.jsonl`: lines to send and replies to expect.
struct Transcript: CustomStringConvertible {
    enum Step {
        case send(String)
        case expect(JSONValue)
    }

    let name: String
    let steps: [Step]
    var description: String { name }

    static var directory: URL { PackagePaths.root.appendingPathComponent("Protocol/transcripts") }

    static func all() throws -> [Transcript] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { try load(String($0.dropLast(6))) }
    }

    static func load(_ name: String) throws -> Transcript {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).jsonl"), encoding: .utf8)
        var steps: [Step] = []
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
            if let send = value["send"] {
                steps.append(.send(String(decoding: try JSONEncoder().encode(send), as: UTF8.self)))
            } else if let raw = value["sendRaw"]?.stringValue {
                steps.append(.send(raw))
            } else if let expect = value["expect"] {
                steps.append(.expect(expect))
            }
        }
        return Transcript(name: name, steps: steps)
    }
}

/// A connection a transcript is replayed over (the real binary, over stdio or WebSocket).
protocol TranscriptConnection: Sendable {
    func send(_ text: String) async throws
    /// The next message from the server, or nil when the connection ended.
    func receive() async throws -> JSONValue?
    func close() async
}

/// Replays a transcript: sends in order; each expectation consumes the first not-yet-consumed received
/// message that matches (replies to concurrent requests may come in any order).
enum TranscriptPlayer {
    /// Deadlock guard: a message expected but not received within this time fails the transcript.
    static let patience: Duration = .seconds(30)

    static func receive(_ c: any TranscriptConnection, expecting: JSONValue, pending: [JSONValue], in t: Transcript) async throws -> JSONValue? {
        try await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask { try await c.receive() }
            group.addTask {
                try await Task.sleep(for: patience)
                throw Mismatch(description: "\(t.name): nothing matching \(expecting) arrived; unmatched: \(pending)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    static func play(_ transcript: Transcript, over connection: any TranscriptConnection) async throws {
        var pending: [JSONValue] = []
        var captures: [String: JSONValue] = [:]
        func matchAndCapture(_ message: JSONValue, _ expected: JSONValue) -> Bool {
            var attempt = captures
            guard JSONMatcher.matches(message, expected, captures: &attempt) else { return false }
            captures = attempt
            return true
        }
        for step in transcript.steps {
            switch step {
            case .send(let text):
                try await connection.send(substitute(text, captures))
            case .expect(let expected):
                if let i = pending.firstIndex(where: { matchAndCapture($0, expected) }) {
                    pending.remove(at: i)
                    continue
                }
                while true {
                    guard let message = try await receive(connection, expecting: expected, pending: pending, in: transcript) else {
                        throw Mismatch(description: "\(transcript.name): connection ended while expecting \(expected); unmatched: \(pending)")
                    }
                    if matchAndCapture(message, expected) { break }
                    pending.append(message)
                }
            }
        }
    }

    /// Replaces each `"$ref:NAME"` with the JSON of the value captured as NAME.
    static func substitute(_ text: String, _ captures: [String: JSONValue]) -> String {
        var out = text
        for (name, value) in captures {
            let json = String(decoding: (try? JSONEncoder().encode(value)) ?? Data("null".utf8), as: UTF8.self)
            out = out.replacingOccurrences(of: "\"$ref:\(name)\"", with: json)
        }
        return out
    }
}
