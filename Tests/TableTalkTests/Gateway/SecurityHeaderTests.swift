import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The UI and every HTTP answer of `serve` carry the browser security headers (a CSP whose `connect-src` is the
/// page's own origin, no framing, no sniffing), and the assembled spec is served at `GET /openrpc.json`.
@Suite(.serialized) struct SecurityHeaderTests {
    static let token = "security-header-token"

    static func serve() async throws -> (ServerProcess, URL) {
        let server = try ServerProcess(["serve", "--port", "0", "--token", token])
        let url = try await server.servedURL()
        return (server, URL(string: "http://\(url.host!):\(url.port!)")!)
    }

    static func get(_ url: URL, headers: [String: String] = [:]) async throws -> (HTTPURLResponse, Data) {
        var request = URLRequest(url: url)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse), data)
    }

    @Test func uiAndAPIAnswersCarryCSPFramingAndSniffingHeaders() async throws {
        let (server, base) = try await Self.serve()
        defer { server.terminate() }
        for path in ["", "index.html", "main.js", "healthz", "metrics"] {
            let (response, _) = try await Self.get(base.appendingPathComponent(path))
            let csp = try #require(response.value(forHTTPHeaderField: "Content-Security-Policy"), "no CSP on /\(path)")
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(csp.contains("connect-src 'self';"))
            #expect(!csp.contains("ws:") && !csp.contains("wss:"), "connect-src may not allow other hosts")
            #expect(response.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
            #expect(response.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
        }
        let (ui, body) = try await Self.get(base)
        #expect(ui.statusCode == 200)
        #expect(!String(decoding: body, as: UTF8.self).contains("ws: wss:"), "the page's own meta CSP does not widen connect-src")
    }

    @Test func openRPCSpecIsServedAsAssembled() async throws {
        let (server, base) = try await Self.serve()
        defer { server.terminate() }
        let (response, data) = try await Self.get(base.appendingPathComponent("openrpc.json"))
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("application/json") == true)
        let bundled = try Data(contentsOf: PackagePaths.root.appendingPathComponent("Sources/TableTalkApp/Resources/openrpc.json"))
        #expect(data == bundled)
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(doc["openrpc"] is String)
        #expect(((doc["methods"] as? [Any])?.count ?? 0) > 10)
    }
}

/// A blocking TCP connection to a local server, for requests no HTTP client would send as written (a WebSocket
/// upgrade with a bad token, a frame with invalid UTF-8). Reads time out after `timeout` seconds.
final class RawHTTPSocket {
    let fd: Int32

    init(port: Int, timeout: Int = 5) throws {
        #if canImport(Darwin)
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Reads until `done` holds for what was read, the peer closes, or a read times out.
    func read(until done: ([UInt8]) -> Bool) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(out) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    /// Sends a WebSocket upgrade for `path` and returns the response head.
    func upgrade(_ path: String) -> String {
        send(
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let head = read { bytes in bytes.count >= 4 && bytes.suffix(4) == [13, 10, 13, 10] }
        return String(decoding: head, as: UTF8.self)
    }

    /// The status code of an HTTP response head.
    static func status(_ head: String) -> Int? {
        head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
    }
}
