import Foundation
import Testing

/// `TableTalkMCP` is a face of the broker like the transports: it sees Broker, Protocol and Core, never a
/// capability module, an adapter or the composition root (so every tool goes through the broker).
@Suite struct MCPLayeringTests {
    @Test func tableTalkMCPImportsOnlyTheBrokerSide() throws {
        let allowed: Set<String> = ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"]
        let imports = try LayeringTests.imports(under: "Sources/TableTalkMCP")
        #expect(!imports.isEmpty)
        for (file, module) in imports where module.hasPrefix("TableTalk") || module == "CSQLite" || module == "Hummingbird" {
            #expect(allowed.contains(module), "\(file) imports \(module)")
        }
    }
}
