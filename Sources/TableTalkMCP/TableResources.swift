import Foundation
public import MCP
import TableTalkProtocol

/// Each table's schema as an MCP resource, `tabletalk://tables/{name}`: listed from `query.tables`, read from
/// `query.describe` (JSON, the same shape `describe_table` returns).
public struct TableResources: Sendable {
    static let prefix = "tabletalk://tables/"
    public static let template = Resource.Template(
        uriTemplate: "tabletalk://tables/{name}", name: "table",
        description: "A table's schema: columns, types, examples, row count.", mimeType: "application/json")

    let channel: BrokerChannel

    public init(channel: BrokerChannel) { self.channel = channel }

    static func uri(of table: String) -> String {
        prefix + (table.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? table)
    }

    /// The table a URI names, or nil when it is not one of ours.
    static func table(in uri: String) -> String? {
        guard uri.hasPrefix(prefix) else { return nil }
        let name = String(uri.dropFirst(prefix.count)).removingPercentEncoding ?? ""
        return name.isEmpty || name.contains("/") ? nil : name
    }

    /// One resource per table.
    public func list() async throws -> ListResources.Result {
        let tables = try await channel.call(QueryTablesRequest()).tables
        return .init(resources: tables.map { t in
            Resource(
                name: t.name, uri: Self.uri(of: t.name), title: t.name,
                description: "\(t.rowCount) rows, \(t.columns.count) columns, from \(t.sourceFile)",
                mimeType: "application/json")
        })
    }

    /// The table's description as JSON; an unknown URI or table is JSON-RPC error -32002 (resource not found).
    public func read(_ uri: String) async throws -> ReadResource.Result {
        guard let name = Self.table(in: uri) else { throw Self.notFound(uri) }
        let description: TableDescription
        do {
            description = try await channel.call(QueryDescribeRequest(table: name))
        } catch let error as RPCError where error.code == .tableNotFound {
            throw Self.notFound(uri)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(ToolOutput.Table(description: description)), as: UTF8.self)
        return .init(contents: [.text(text, uri: uri, mimeType: "application/json")])
    }

    /// The handshake revisions' "resource not found" code (2026-07-28 retired it for -32602).
    static let notFoundCode = -32002

    static func notFound(_ uri: String) -> MCPError {
        .serverError(code: notFoundCode, message: "Resource not found: \(uri)")
    }
}
