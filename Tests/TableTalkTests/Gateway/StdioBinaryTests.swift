import Foundation
import Testing
import TableTalkProtocol

/// `tabletalk stdio` on real pipes: framing detection, protocol-only stdout, exit codes.
@Suite struct StdioBinaryTests {
    func run(_ input: String, arguments: [String] = ["stdio"]) async throws -> (stdout: [String], code: Int32, stderr: String) {
        let server = try ServerProcess(arguments)
        try server.write(input)
        server.closeInput()
        var lines: [String] = []
        lines = await server.stdoutLines.all()
        let code = await server.waitForExit()
        return (lines, code, server.stderr)
    }

    @Test func contentLengthFramingIsAnsweredInKind() async throws {
        let body = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let (out, code, _) = try await run("Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(code == 0)
        #expect(out.first?.hasPrefix("Content-Length: ") == true)
        #expect(out.last?.contains(#""id":1"#) == true)
    }

    @Test func everyStdoutLineIsProtocol() async throws {
        let input = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"monitoring.health"}"#, "garbage {", "",
            #"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#, #"{"jsonrpc":"2.0","method":"exit"}"#,
        ].joined(separator: "\n") + "\n"
        let (out, code, _) = try await run(input)
        #expect(code == 0)
        #expect(out.count == 4)
        for line in out { #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)))?["jsonrpc"] == "2.0") }
    }

    @Test func exitWithoutShutdownExitsWithOne() async throws {
        let input = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"# + "\n" + #"{"jsonrpc":"2.0","method":"exit"}"# + "\n"
        let (_, code, _) = try await run(input)
        #expect(code == 1)
    }

    @Test func uploadBeginOverStdioOffersNoPartURL() async throws {
        let input = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"upload.begin","params":{"name":"a.csv","size":4}}"#,
        ].joined(separator: "\n") + "\n"
        let (out, code, _) = try await run(input)
        #expect(code == 0)
        let begun = try #require(out.last.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) })
        #expect(begun["result"]?["uploadId"] != nil)
        #expect(begun["result"]?["partUrl"] == nil)
    }

    @Test func endOfInputAnswersWhatIsInFlightAndExitsCleanly() async throws {
        let lines = (1...50).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }.joined(separator: "\n")
        let (out, code, _) = try await run(lines + "\n")
        #expect(code == 0)
        #expect(out.count == 50)
    }

    @Test func exitBeforeInitializeExitsWithOne() async throws {
        let (out, code, _) = try await run(#"{"jsonrpc":"2.0","method":"exit"}"# + "\n")
        #expect(out.isEmpty)
        #expect(code == 1)
    }

    @Test func contentLengthFramingResyncsAfterBadFrames() async throws {
        func frame(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" }
        let ping = { (id: Int) in frame(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#) }
        let input = ping(1) + "stray bytes" + ping(2) + "Content-Type: text/plain\r\n\r\n{}" + ping(3)
            + "Content-Length: 900\r\n\r\n{" + ping(4)
        let (out, code, _) = try await run(input)
        let text = out.joined(separator: "\n")
        #expect(code == 0)
        for id in 1...4 { #expect(text.contains(#"{"jsonrpc":"2.0","id":\#(id),"result":{}}"#), "\(text)") }
        #expect(text.components(separatedBy: "-32700").count - 1 == 3, "\(text)")
    }
}
