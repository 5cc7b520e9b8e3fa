public import Foundation
import Synchronization

/// The `moto_server` the AWS tests talk to over real HTTP on loopback. `scripts/test.sh` starts one and exports
/// `TABLETALK_MOTO_ENDPOINT`; a test run without it (e.g. `swift test --filter AWS` by hand) starts its own once per
/// process on a free port and stops it at exit. When moto cannot be started the tests fail, they never skip.
public enum MotoServer {
    /// Access keys moto accepts (any are accepted; these are never real).
    public static let accessKeyId = "testing"
    public static let secretAccessKey = "testing"
    public static let region = "us-east-1"

    private static let started = Mutex<Result<String, MotoServerError>?>(nil)
    private static let child = Mutex<Process?>(nil)

    /// The endpoint URL (`http://127.0.0.1:PORT`), starting moto when needed.
    public static func endpoint() async throws -> String {
        if let given = ProcessInfo.processInfo.environment["TABLETALK_MOTO_ENDPOINT"], !given.isEmpty {
            return given
        }
        return try await ChildProcess.offPool { try startOnce() }
    }

    private static func startOnce() throws -> String {
        try started.withLock { state in
            if let state { return try state.get() }
            let result = Result { try launch() }.mapError { $0 as? MotoServerError ?? MotoServerError(String(describing: $0)) }
            state = result
            return try result.get()
        }
    }

    private static func launch() throws -> String {
        let port = try freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw MotoServerError("cannot start moto_server (pip install 'moto[server]'): \(error)") }
        child.withLock { $0 = p }
        atexit { MotoServer.stop() }
        let endpoint = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !p.isRunning { throw MotoServerError("moto_server exited with status \(p.terminationStatus)") }
            if canConnect(port: port) { return endpoint }
            Thread.sleep(forTimeInterval: 0.1)
        }
        p.terminate()
        throw MotoServerError("moto_server did not listen on \(endpoint) within 30 s")
    }

    static func stop() {
        child.withLock { process in
            if let process, process.isRunning { process.terminate() }
            process = nil
        }
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MotoServerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw MotoServerError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// Why moto could not be started.
public struct MotoServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

#if canImport(Glibc)
import Glibc
#endif
