/// The requests of one pipelined window: the same request with ids 1…window, since a client may not reuse an id
/// while it is in flight (the gateway refuses that with -32600, which a benchmark must not measure instead).
enum PipelinedRequests {
    static let idMarker = #""id":1,"#

    static func window(_ message: String, count: Int) -> [String] {
        guard message.contains(idMarker) else { return Array(repeating: message, count: count) }
        return (0..<count).map { message.replacing(idMarker, with: "\"id\":\($0 + 1),", maxReplacements: 1) }
    }
}
