/// `upload.importFile {path, table?}`: imports a file the server can read (stdio agents), only from the configured
/// import directories (`importPathDenied` otherwise, after resolving `..` and symbolic links).
public struct UploadImportFileRequest: RPCRequest, Hashable {
    public static let method = "upload.importFile"
    public typealias Response = UploadResult

    public var path: String
    /// Table to create or replace; default: the file stem, snake_cased.
    public var table: String?

    public init(path: String, table: String? = nil) {
        self.path = path
        self.table = table
    }
}
