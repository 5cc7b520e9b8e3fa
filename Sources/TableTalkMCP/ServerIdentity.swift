import MCP

/// What `tabletalk mcp` says it is and offers, the same in every revision: the handshake's `initialize` reply and
/// the 2026-07-28 `server/discover` reply (and `serverInfo` stamp) are built from this one value.
struct ServerIdentity: Sendable {
    let name = "tabletalk"
    let title = "TableTalk"
    let version: String
    let instructions = """
        Ask plain-English questions about CSV files. Import a file with import_csv, see the tables with \
        list_tables or the tabletalk://tables/{name} resources, then ask; run_sql runs read-only SQL.
        """
    /// Tools never change; the resource list changes after an import (announced, never subscribable per URI).
    let capabilities = Server.Capabilities(
        resources: .init(subscribe: false, listChanged: true), tools: .init(listChanged: false))

    /// The `Implementation` object: name, title, version.
    var info: Value { ["name": .string(name), "title": .string(title), "version": .string(version)] }
}
