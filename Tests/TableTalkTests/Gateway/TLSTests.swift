import Foundation
import HummingbirdTLS
import HummingbirdWSClient
import Logging
import Synchronization
import Testing
import TableTalkTestSupport

/// `serve --tls-cert --tls-key`: HTTPS and WSS over real TLS with a self-signed certificate made for the test.
@Suite(.serialized) struct TLSTests {
    static let token = "tls-test-token"

    /// A self-signed certificate for 127.0.0.1 and localhost, and its key, in a fresh directory.
    static func makeCertificate() async throws -> (cert: URL, key: URL) {
        let dir = PackagePaths.tempDir("tt-tls")
        let cert = dir.appendingPathComponent("cert.pem"), key = dir.appendingPathComponent("key.pem")
        let p = try await ChildProcess.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key.path, "-out", cert.path, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        try #require(p.status == 0, "openssl could not make a certificate")
        return (cert, key)
    }

    /// Runs `curl` and returns its exit status and output.
    static func curl(_ args: [String]) async throws -> (status: Int32, output: String) {
        let p = try await ChildProcess.run(["curl", "-sS", "--max-time", "5"] + args)
        return (p.status, p.text + String(decoding: p.errors, as: UTF8.self))
    }

    /// Waits for the `https://…` URL `serve` prints.
    static func servedPort(_ server: ServerProcess) async throws -> Int {
        for _ in 0..<600 {
            if let r = server.stderr.range(of: #"https://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                return Int(server.stderr[r].split(separator: ":").last!)!
            }
            if !server.process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("serve printed no https URL; stderr: \(server.stderr)")
        throw CancellationError()
    }

    @Test func healthzAndRPCOverTLS() async throws {
        let (cert, key) = try await Self.makeCertificate()
        let server = try ServerProcess(["serve", "--port", "0", "--token", Self.token, "--tls-cert", cert.path, "--tls-key", key.path])
        defer { server.terminate() }
        let port = try await Self.servedPort(server)

        let health = try await Self.curl(["--cacert", cert.path, "https://127.0.0.1:\(port)/healthz"])
        #expect(health.status == 0 && health.output.contains(#""status":"ok""#), "\(health)")
        #expect(try await Self.curl(["https://127.0.0.1:\(port)/healthz"]).status != 0, "an untrusted certificate is refused: it is real TLS")
        #expect(try await Self.curl(["http://127.0.0.1:\(port)/healthz"]).output.contains("ok") == false, "no plain HTTP on the TLS port")

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(cert.path))
        let reply = Mutex<String?>(nil)
        var logger = Logger(label: "tls-test")
        logger.logLevel = .critical
        try await WebSocketClient.connect(
            url: "wss://127.0.0.1:\(port)/rpc?token=\(Self.token)", configuration: .init(sniHostname: "localhost"),
            tlsConfiguration: tls, logger: logger
        ) { inbound, outbound, _ in
            try await outbound.write(.text(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1.0"}}"#))
            for try await message in inbound.messages(maxSize: 1 << 20) {
                if case .text(let text) = message {
                    reply.withLock { $0 = text }
                    break
                }
            }
        }
        let text = try #require(reply.withLock { $0 })
        #expect(text.contains(#""principal":"local""#))
    }

    @Test func certificateWithoutKeyIsRefusedAtStart() async throws {
        let (cert, _) = try await Self.makeCertificate()
        let server = try ServerProcess(["serve", "--port", "0", "--tls-cert", cert.path])
        let status = await server.waitForExit()
        #expect(status != 0)
        #expect(server.stderr.contains("--tls-cert and --tls-key go together"))
    }
}
