import Foundation
public import MCP

/// The tools `tabletalk mcp` offers, read once from `Resources/tools.json` (names, descriptions and JSON Schemas
/// are data). `$ref`s to the file's shared `definitions` are inlined, so every schema stands alone.
public enum ToolCatalog {
    /// Tool names, as the agent calls them.
    public enum Name: String, CaseIterable, Sendable {
        case listTables = "list_tables", describeTable = "describe_table", importCSV = "import_csv", ask
        case runSQL = "run_sql", history
    }

    /// Every tool, in the file's order.
    public static let tools: [Tool] = load()

    /// The input property names a tool declares (its only accepted arguments).
    static func inputNames(of name: Name) -> Set<String> {
        guard let tool = tools.first(where: { $0.name == name.rawValue }),
            let properties = tool.inputSchema.objectValue?["properties"]?.objectValue
        else { return [] }
        return Set(properties.keys)
    }

    private static func load() -> [Tool] {
        guard let url = Bundle.module.url(forResource: "tools", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(Value.self, from: data),
            let definitions = file.objectValue?["definitions"]?.objectValue,
            let entries = file.objectValue?["tools"]?.arrayValue
        else { preconditionFailure("TableTalkMCP resource tools.json is missing or malformed") }
        return entries.map { entry in
            let inlined = inline(entry, definitions)
            guard let encoded = try? JSONEncoder().encode(inlined), let tool = try? JSONDecoder().decode(Tool.self, from: encoded)
            else { preconditionFailure("tools.json: a tool entry does not decode: \(entry)") }
            return tool
        }
    }

    /// Replaces `{"$ref": "#/definitions/x"}` by the definition `x` (itself inlined), anywhere in `value`.
    static func inline(_ value: Value, _ definitions: [String: Value]) -> Value {
        switch value {
        case .object(let o):
            if let ref = o["$ref"]?.stringValue, ref.hasPrefix("#/definitions/"),
                let target = definitions[String(ref.dropFirst("#/definitions/".count))]
            {
                return inline(target, definitions)
            }
            return .object(o.mapValues { inline($0, definitions) })
        case .array(let a): return .array(a.map { inline($0, definitions) })
        default: return value
        }
    }
}
