public import TableTalkCore

/// The Glue Data Catalog calls TableTalk makes: databases (one per principal) and tables in them. Glue's
/// errors become the domain's: a missing table or database is `tableNotFound`, a name already taken is
/// `tableExists`, anything else `internalFailure` naming Glue's own code.
///
/// ```swift
/// let glue = GlueCatalog(client: aws)
/// try await glue.ensureDatabase("tabletalk_alice")
/// let tables = try await glue.tables(in: "tabletalk_alice")
/// ```
public struct GlueCatalog: Sendable {
    public let client: AWSClient
    /// The account whose catalog is used (nil: the caller's own).
    public var catalogId: String?

    public init(client: AWSClient, catalogId: String? = nil) {
        self.client = client
        self.catalogId = catalogId
    }

    // MARK: - Databases

    /// Creates `name` unless it exists already (a concurrent creation counts as success).
    public func ensureDatabase(_ name: String, description: String? = nil) async throws {
        if try await databaseExists(name) { return }
        do {
            let input = GlueWire.DatabaseInput(Name: name, Description: description, Parameters: nil)
            let _: GlueWire.Empty = try await client.json(
                .glue, action: "CreateDatabase", GlueWire.CreateDatabase(CatalogId: catalogId, DatabaseInput: input))
        } catch let error as AWSError where error.code == "AlreadyExistsException" {
            return
        } catch let error as AWSError {
            throw Self.domain(error, "database \(name)")
        }
    }

    public func databaseExists(_ name: String) async throws -> Bool {
        do {
            let _: GlueWire.DatabaseReply = try await client.json(
                .glue, action: "GetDatabase", GlueWire.NameRequest(CatalogId: catalogId, Name: name))
            return true
        } catch let error as AWSError where Self.isMissing(error) {
            return false
        } catch let error as AWSError {
            throw Self.domain(error, "database \(name)")
        }
    }

    public func deleteDatabase(_ name: String) async throws {
        try await mapped("database \(name)") {
            let _: GlueWire.Empty = try await client.json(
                .glue, action: "DeleteDatabase", GlueWire.NameRequest(CatalogId: catalogId, Name: name))
        }
    }

    // MARK: - Tables

    /// The table, or nil when it (or its database) does not exist.
    public func table(_ name: String, in database: String) async throws -> GlueWire.Table? {
        do {
            let reply: GlueWire.TableReply = try await client.json(
                .glue, action: "GetTable", GlueWire.TableRequest(CatalogId: catalogId, DatabaseName: database, Name: name))
            return reply.Table
        } catch let error as AWSError where Self.isMissing(error) {
            return nil
        } catch let error as AWSError {
            throw Self.domain(error, "table \(name)")
        }
    }

    /// Every table of `database`, following `NextToken`; empty when the database does not exist.
    public func tables(in database: String) async throws -> [GlueWire.Table] {
        var out: [GlueWire.Table] = []
        var token: String?
        repeat {
            let reply: GlueWire.TablesReply
            do {
                reply = try await client.json(
                    .glue, action: "GetTables",
                    GlueWire.GetTables(CatalogId: catalogId, DatabaseName: database, NextToken: token, MaxResults: 100))
            } catch let error as AWSError where Self.isMissing(error) {
                return []
            } catch let error as AWSError {
                throw Self.domain(error, "the tables of \(database)")
            }
            out += reply.TableList ?? []
            token = reply.NextToken.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return out
    }

    /// CreateTable; `tableExists` when the name is taken.
    public func createTable(_ input: GlueWire.TableInput, in database: String) async throws {
        try await mapped("table \(input.Name)") {
            let _: GlueWire.Empty = try await client.json(
                .glue, action: "CreateTable", GlueWire.CreateTable(CatalogId: catalogId, DatabaseName: database, TableInput: input))
        }
    }

    /// UpdateTable, refused by Glue when `versionId` is given and the table changed since it was read.
    public func updateTable(_ input: GlueWire.TableInput, in database: String, versionId: String?) async throws {
        try await mapped("table \(input.Name)") {
            let _: GlueWire.Empty = try await client.json(
                .glue, action: "UpdateTable",
                GlueWire.UpdateTable(CatalogId: catalogId, DatabaseName: database, TableInput: input, VersionId: versionId))
        }
    }

    /// DeleteTable; `tableNotFound` when absent.
    public func deleteTable(_ name: String, in database: String) async throws {
        try await mapped("table \(name)") {
            let _: GlueWire.Empty = try await client.json(
                .glue, action: "DeleteTable", GlueWire.TableRequest(CatalogId: catalogId, DatabaseName: database, Name: name))
        }
    }

    // MARK: - Errors

    static func isMissing(_ error: AWSError) -> Bool {
        error.code == "EntityNotFoundException"
    }

    private func mapped(_ what: String, _ body: () async throws -> Void) async throws {
        do { try await body() } catch let error as AWSError { throw Self.domain(error, what) }
    }

    static func domain(_ error: AWSError, _ what: String) -> TableTalkError {
        switch error.code {
        case "EntityNotFoundException":
            return TableTalkError(.tableNotFound, "Glue has no \(what)", details: ["awsCode": error.code])
        case "AlreadyExistsException":
            return TableTalkError(.tableExists, "Glue already has \(what)", details: ["awsCode": error.code])
        default:
            return TableTalkError(.internalFailure, "Glue refused \(what): \(error)", details: ["awsCode": error.code])
        }
    }
}
