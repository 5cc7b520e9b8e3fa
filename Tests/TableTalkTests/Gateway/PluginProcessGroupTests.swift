import Foundation
import Testing

/// Plugin processes, and the processes they start, end with the gateway however it ends.
@Suite(.serialized) struct PluginProcessGroupTests {
    /// Starts a gateway whose plugin runs a child, and returns the gateway and both pids once the plugin wrote them.
    static func gatewayWithPluginChild(_ arguments: [String], ignoreTerm: Bool) async throws -> (PluginGateway, [pid_t]) {
        let pidFile = PackagePaths.tempDir("tt-pids").appendingPathComponent("pids")
        let options = ["--child-pids", pidFile.path] + (ignoreTerm ? ["--ignore-term"] : [])
        let gateway = try PluginGateway([.init(options: options)], arguments: arguments)
        for _ in 0..<200 {
            if let text = try? String(contentsOf: pidFile, encoding: .utf8) {
                let pids = text.split(separator: " ").compactMap { pid_t($0) }
                if pids.count == 2 { return (gateway, pids) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        gateway.stop()
        throw PluginGatewayError(description: "the plugin wrote no pids; stderr: \(gateway.server.stderr)")
    }

    /// A process is gone when it no longer exists or is a zombie waiting for its (new) parent to reap it.
    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    /// Waits (polling; a guard) up to `limit` for every pid to be gone.
    static func allGone(_ pids: [pid_t], within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if pids.allSatisfy(isGone) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return pids.allSatisfy(isGone)
    }

    @Test func sigkillOfTheGatewayEndsThePluginAndItsChildren() async throws {
        let (gateway, pids) = try await Self.gatewayWithPluginChild(["stdio"], ignoreTerm: true)
        #expect(!pids.contains(where: Self.isGone))
        kill(gateway.server.process.processIdentifier, SIGKILL)
        _ = await gateway.server.waitForExit()
        // SIGTERM first; the plugin ignores it, so SIGKILL after the 2 s grace period.
        #expect(try await Self.allGone(pids, within: .seconds(5)))
        pids.forEach { kill($0, SIGKILL) }
    }

    @Test func sigtermOfServeEndsThePluginAndItsChildren() async throws {
        let (gateway, pids) = try await Self.gatewayWithPluginChild(
            ["serve", "--port", "0", "--token", "group-test-token"], ignoreTerm: false)
        _ = try await gateway.server.servedURL()
        #expect(!pids.contains(where: Self.isGone))
        gateway.server.process.terminate()
        _ = await gateway.server.waitForExit()
        #expect(try await Self.allGone(pids, within: .seconds(4)))
        pids.forEach { kill($0, SIGKILL) }
    }

    @Test func stdioExitEndsThePluginAndItsChildren() async throws {
        let (gateway, pids) = try await Self.gatewayWithPluginChild(["stdio"], ignoreTerm: false)
        gateway.server.closeInput()
        _ = await gateway.server.waitForExit()
        #expect(try await Self.allGone(pids, within: .seconds(4)))
        pids.forEach { kill($0, SIGKILL) }
    }
}
