public import Foundation

/// One planned part of a direct upload: the bytes `offset ..< offset + length` of the file go to part `partNumber`.
public struct DirectUploadPart: Codable, Sendable, Hashable {
    public var partNumber: Int
    public var offset: Int64
    public var length: Int64

    public init(partNumber: Int, offset: Int64, length: Int64) {
        self.partNumber = partNumber
        self.offset = offset
        self.length = length
    }

    /// `size` bytes cut into parts of `partSize` (the last one shorter); an empty file is one empty part, as a
    /// multipart upload needs at least one.
    public static func plan(size: Int64, partSize: Int) -> [DirectUploadPart] {
        let step = Int64(max(1, partSize))
        guard size > 0 else { return [DirectUploadPart(partNumber: 1, offset: 0, length: 0)] }
        let count = Int((size + step - 1) / step)
        return (0..<count).map { i in
            let offset = Int64(i) * step
            return DirectUploadPart(partNumber: i + 1, offset: offset, length: min(step, size - offset))
        }
    }
}

/// Where the client sends one part: a `PUT` of the part's bytes to `url`, no credentials needed.
public struct DirectUploadPartURL: Sendable, Hashable {
    public var part: DirectUploadPart
    public var url: String

    public init(part: DirectUploadPart, url: String) {
        self.part = part
        self.url = url
    }
}

/// Part URLs and when they stop working (then ``DirectUploadTarget/partURLs(for:partNumbers:)`` gives fresh ones).
public struct DirectUploadPartURLs: Sendable, Hashable {
    public var parts: [DirectUploadPartURL]
    public var expiresAt: Date

    public init(parts: [DirectUploadPartURL], expiresAt: Date) {
        self.parts = parts
        self.expiresAt = expiresAt
    }
}
