import Foundation
import TableTalkApp
import Testing
import TableTalkBroker
import TableTalkProtocol
import TableTalkStdio
import TableTalkTestSupport

/// Thousands of random and mutated frames at the decoder, a session and the stdio binary: nothing crashes,
/// and the session still answers afterwards.
@Suite struct FuzzTests {
    static let seeds = [
        #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":"x","method":"monitoring.stats","params":{"windowSeconds":5}}"#,
        #"[{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}]"#,
        #"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"1.0","clientInfo":{"name":"f"}}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"query.run","params":{"sql":"select 1"}}"#,
    ]

    /// Deterministic generator (SplitMix64) so failures reproduce.
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func mutations(count: Int, seed: UInt64 = 42) -> [Data] {
        var rng = Rng(state: seed)
        let alphabet = Array("{}[]\":,0123456789-.eEtruefalsnl \\u\n\r\t".utf8) + [0, 0xFF, 0xC3]
        return (0..<count).map { i in
            var bytes = Array(seeds[i % seeds.count].utf8)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:  // random bytes
                bytes = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:  // flip some bytes
                for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = alphabet.randomElement(using: &rng)!
                }
            case 2:  // truncate
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            case 3:  // deep nesting
                let depth = Int.random(in: 1...300, using: &rng)
                bytes = Array(String(repeating: "[", count: depth).utf8) + bytes
            default:  // splice two seeds
                let other = Array(seeds.randomElement(using: &rng)!.utf8)
                bytes = Array(bytes.prefix(bytes.count / 2)) + Array(other.suffix(other.count / 2))
            }
            return Data(bytes.filter { $0 != 0x0A })
        }
    }

    @Test func decoderNeverCrashes() {
        let decoder = MessageDecoder(types: MessageTypes())
        for frame in Self.mutations(count: 5000) { _ = decoder.decode(frame) }
    }

    @Test func sessionSurvivesGarbageAndStillAnswers() async throws {
        let rt = try TestRuntime.make()
        let client = try await TestClient.initialized(broker: rt.broker)
        for frame in Self.mutations(count: 3000, seed: 7) { await client.session.receive(frame) }
        let reply = try await client.callRaw(method: "ping")
        #expect(reply["result"] == .object([:]))
    }

    @Test func stdioBinarySurvivesGarbageAndStillAnswers() async throws {
        let connection = try StdioConnection()
        var text = ""
        for frame in Self.mutations(count: 2000, seed: 99) { text += String(decoding: frame, as: UTF8.self).replacingOccurrences(of: "\n", with: " ") + "\n" }
        try await connection.send(#"{"jsonrpc":"2.0","id":"first","method":"ping"}"#)
        try await connection.send(text)
        try await connection.send(#"{"jsonrpc":"2.0","id":"last-ping","method":"ping"}"#)
        var sawLast = false
        while let m = try await connection.receive() {
            if m["id"] == "last-ping" {
                #expect(m["result"] == .object([:]))
                sawLast = true
                break
            }
        }
        #expect(sawLast)
        await connection.close()
    }
}
