import Foundation
import Synchronization
import TableTalkProtocol

/// A transcript connection to `tabletalk stdio` over real pipes (newline framing).
final class StdioConnection: TranscriptConnection {
    let server: ServerProcess

    init(dataDir: URL = PackagePaths.tempDir("tt-data")) throws {
        server = try ServerProcess(["stdio"], dataDir: dataDir)
    }

    /// Over an already started `tabletalk stdio` process.
    init(server: ServerProcess) {
        self.server = server
    }

    func send(_ text: String) async throws { try server.write(text + "\n") }

    func receive() async throws -> JSONValue? {
        guard let line = await server.stdoutLines.next() else { return nil }
        return try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
    }

    func close() async {
        server.closeInput()
        _ = await server.waitForExit()
    }
}
