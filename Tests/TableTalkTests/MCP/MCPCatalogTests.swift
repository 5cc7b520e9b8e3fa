import Foundation
import MCP
import Testing
import TableTalkMCP

/// The tool catalog (`Resources/tools.json`) is complete and its schemas stand alone.
@Suite struct MCPCatalogTests {
    @Test func everyToolNameHasOneDefinitionAndBackAgain() {
        #expect(ToolCatalog.tools.map(\.name).sorted() == ToolCatalog.Name.allCases.map(\.rawValue).sorted())
    }

    @Test func schemasAreObjectsWithoutReferencesAndRefuseUnknownArguments() throws {
        for tool in ToolCatalog.tools {
            let input = try #require(tool.inputSchema.objectValue, "\(tool.name)")
            #expect(input["type"] == "object", "\(tool.name)")
            #expect(input["additionalProperties"] == .bool(false), "\(tool.name)")
            let output = try #require(tool.outputSchema?.objectValue, "\(tool.name)")
            #expect(output["type"] == "object", "\(tool.name)")
            let text = String(decoding: try JSONEncoder().encode(tool), as: UTF8.self)
            #expect(!text.contains("$ref"), "\(tool.name)")
            #expect(tool.description?.isEmpty == false, "\(tool.name)")
        }
    }

    @Test func onlyImportChangesAnything() {
        for tool in ToolCatalog.tools {
            #expect(tool.annotations.readOnlyHint == (tool.name != "import_csv"), "\(tool.name)")
        }
    }
}
