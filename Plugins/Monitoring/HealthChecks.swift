public import Foundation
public import TableTalkBroker

/// The data directory is writable and has room: `failing` when it cannot be written or has no free bytes,
/// `degraded` when its file system has fewer than `minFreeBytes` free.
public struct DataDirCheck: HealthCheck {
    public let dataDir: URL
    public let minFreeBytes: Int64
    /// Free bytes of the file system holding `dataDir` (nil when unknown); replaceable in tests.
    let freeBytes: @Sendable (URL) -> Int64?

    public init(dataDir: URL, minFreeBytes: Int64, freeBytes: (@Sendable (URL) -> Int64?)? = nil) {
        self.dataDir = dataDir
        self.minFreeBytes = minFreeBytes
        self.freeBytes = freeBytes ?? Self.systemFreeBytes
    }

    public var name: String { "dataDir" }

    public func check() async -> (status: String, detail: String?) {
        guard FileManager.default.isWritableFile(atPath: dataDir.path) else { return ("failing", "\(dataDir.path) is not writable") }
        guard let free = freeBytes(dataDir) else { return ("ok", "\(dataDir.path): free space unknown") }
        let detail = "\(dataDir.path): \(free) bytes free (minimum \(minFreeBytes))"
        if free <= 0 { return ("failing", detail) }
        return (free < minFreeBytes ? "degraded" : "ok", detail)
    }

    @Sendable static func systemFreeBytes(_ url: URL) -> Int64? {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: url.path)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value
    }
}

/// An external plugin process is running and answered `initialize`; starting, failed or down is `degraded`,
/// with the reason.
public struct PluginCheck: HealthCheck {
    public let plugin: ExternalPlugin

    public init(plugin: ExternalPlugin) { self.plugin = plugin }

    public var name: String { "plugin:\(plugin.configuration.namespace)" }

    public func check() async -> (status: String, detail: String?) {
        plugin.isAlive ? ("ok", nil) : ("degraded", plugin.lastError ?? "not running (yet)")
    }
}
