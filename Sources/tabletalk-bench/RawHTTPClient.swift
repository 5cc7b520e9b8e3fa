import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal blocking HTTP/1.1 client over one keep-alive TCP connection to 127.0.0.1: just enough for the
/// gateway's `PUT /uploads/{id}?offset=N` (request with Content-Length, response with Content-Length). Blocking
/// calls: run it on its own thread, not on the Swift concurrency pool.
final class RawHTTPClient {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: Int) throws {
        fd = try LoopbackSocket.connect(port: port)
    }

    deinit { close(fd) }

    /// Sends `PUT path` with `body`; returns the status and response body.
    func put(path: String, headers: [String: String], body: UnsafeRawBufferPointer) throws -> (status: Int, body: String) {
        var head = "PUT \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        head += "Content-Type: application/octet-stream\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "\r\n"
        try Array(head.utf8).withUnsafeBytes { try writeAll($0) }
        try writeAll(body)
        return try readResponse()
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var off = 0
        while off < bytes.count {
            let n = send(fd, bytes.baseAddress! + off, bytes.count - off, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BenchFailure("send failed: errno \(errno)") }
            off += n
        }
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { throw BenchFailure("connection closed while reading a response (errno \(errno))") }
        pending += buffer[0..<n]
    }

    private func readResponse() throws -> (status: Int, body: String) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            end = pending.count >= 4 ? (0...(pending.count - 4)).first { pending[$0..<$0 + 4].elementsEqual(separator) } : nil
            if end == nil { try fill() }
        }
        let headerText = String(decoding: pending[0..<end!], as: UTF8.self)
        pending.removeFirst(end! + 4)
        let lines = headerText.split(separator: "\r\n")
        guard let statusLine = lines.first, let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { throw BenchFailure("bad status line: \(headerText.prefix(100))") }
        var length = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            } else if parts.count == 2, parts[0].lowercased() == "transfer-encoding" {
                throw BenchFailure("chunked responses are not supported by this client")
            }
        }
        while pending.count < length { try fill() }
        let body = String(decoding: pending[0..<length], as: UTF8.self)
        pending.removeFirst(length)
        return (status, body)
    }
}
