/// The Glue Data Catalog's JSON shapes that TableTalk sends and reads (field names as the API spells them).
/// Unknown reply fields are ignored, so Glue adding fields does not break decoding.
public enum GlueWire {
    public struct Column: Codable, Sendable, Hashable {
        public var Name: String
        public var `Type`: String?
        public var Comment: String?
        public var Parameters: [String: String]?

        public init(Name: String, Type: String?, Comment: String? = nil, Parameters: [String: String]? = nil) {
            self.Name = Name
            self.Type = Type
            self.Comment = Comment
            self.Parameters = Parameters
        }
    }

    public struct SerDeInfo: Codable, Sendable, Hashable {
        public var SerializationLibrary: String?
        public var Parameters: [String: String]?
    }

    public struct StorageDescriptor: Codable, Sendable, Hashable {
        public var Columns: [Column]?
        public var Location: String?
        public var InputFormat: String?
        public var OutputFormat: String?
        public var Compressed: Bool?
        public var SerdeInfo: SerDeInfo?
        public var Parameters: [String: String]?
    }

    /// `TableInput` of CreateTable/UpdateTable; also the readable part of a `Table` reply.
    public struct TableInput: Codable, Sendable, Hashable {
        public var Name: String
        public var Description: String?
        public var TableType: String?
        public var StorageDescriptor: StorageDescriptor?
        public var Parameters: [String: String]?
    }

    /// A table as GetTable/GetTables return it.
    public struct Table: Decodable, Sendable, Hashable {
        public var Name: String
        public var DatabaseName: String?
        public var Description: String?
        public var TableType: String?
        public var StorageDescriptor: StorageDescriptor?
        public var Parameters: [String: String]?
        /// The catalog's version of the table definition (UpdateTable's optimistic lock).
        public var VersionId: String?

        /// The definition as an input for UpdateTable/CreateTable.
        public var input: TableInput {
            TableInput(
                Name: Name, Description: Description, TableType: TableType, StorageDescriptor: StorageDescriptor,
                Parameters: Parameters)
        }
    }

    struct DatabaseInput: Codable, Sendable {
        var Name: String
        var Description: String?
        var Parameters: [String: String]?
    }

    struct CreateDatabase: Encodable {
        var CatalogId: String?
        var DatabaseInput: DatabaseInput
    }

    struct NameRequest: Encodable {
        var CatalogId: String?
        var Name: String
    }

    struct TableRequest: Encodable {
        var CatalogId: String?
        var DatabaseName: String
        var Name: String
    }

    struct CreateTable: Encodable {
        var CatalogId: String?
        var DatabaseName: String
        var TableInput: TableInput
    }

    struct UpdateTable: Encodable {
        var CatalogId: String?
        var DatabaseName: String
        var TableInput: TableInput
        /// Optimistic lock: Glue refuses the update when the table changed since this version was read.
        var VersionId: String?
    }

    struct GetTables: Encodable {
        var CatalogId: String?
        var DatabaseName: String
        var NextToken: String?
        var MaxResults: Int?
    }

    struct TableReply: Decodable { var Table: Table }
    struct TablesReply: Decodable {
        var TableList: [Table]?
        var NextToken: String?
    }
    struct DatabaseReply: Decodable { var Database: DatabaseInput }
    struct Empty: Codable {}
}
