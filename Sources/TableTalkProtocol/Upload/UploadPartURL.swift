/// Where one part of a direct upload goes: `PUT` the file's bytes `offset ..< offset + length` to `url` (no
/// credentials; the URL carries its own signature and expiry).
public struct UploadPartURL: Codable, Sendable, Hashable {
    public var partNumber: Int
    public var url: String
    public var offset: Int64
    public var length: Int64

    public init(partNumber: Int, url: String, offset: Int64, length: Int64) {
        self.partNumber = partNumber
        self.url = url
        self.offset = offset
        self.length = length
    }
}
