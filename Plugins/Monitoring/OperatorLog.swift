public import Logging
public import TableTalkBroker
import TableTalkProtocol

/// The operator's log of what happened: one line per failed request (method, code, duration, principal id; never
/// params, data or tokens), per upload finished or failed, per plugin start or failure, and (from ``AlertMonitor``)
/// per alert fired or resolved. Every line carries `event`; the handler chosen by `--log-format` renders it as JSON
/// or `key=value`.
public struct OperatorLog: RequestObserver {
    public let logger: Logger
    /// Methods whose success is an upload finishing (each one logged as `upload.finished`).
    static let uploadMethods: Set<String> = ["upload.finish", "upload.importFile"]

    public init(logger: Logger) { self.logger = logger }

    public func requestFinished(method: String, duration: Duration, errorCode: Int?) {
        requestFinished(method: method, duration: duration, errorCode: errorCode, principal: nil)
    }

    public func requestFinished(method: String, duration: Duration, errorCode: Int?, principal: String?) {
        // the hot path: a successful request that is not an upload is not logged (no set lookup for it)
        if errorCode == nil && !method.hasPrefix("upload.") { return }
        let upload = Self.uploadMethods.contains(method)
        guard errorCode != nil || upload else { return }
        var metadata: Logger.Metadata = [
            "method": .string(method), "durationMs": .stringConvertible(Self.milliseconds(duration)),
            "principal": .string(principal ?? "-"),
        ]
        if let errorCode {
            metadata["code"] = .stringConvertible(errorCode)
            let internalFailure = errorCode == ErrorCode.internalError.rawValue
            log(internalFailure ? .error : .notice, upload ? "upload.failed" : "request.failed", metadata)
        } else {
            log(.info, "upload.finished", metadata)
        }
    }

    public func connectionsChanged(active: Int) {}

    public func pluginStarted(namespace: String, methods: Int) {
        log(.info, "plugin.started", ["namespace": .string(namespace), "methods": .stringConvertible(methods)])
    }

    public func pluginFailed(namespace: String, reason: String) {
        log(.error, "plugin.failed", ["namespace": .string(namespace), "reason": .string(reason)])
    }

    /// An alert changed state (`alert.fired` or `alert.resolved`).
    func alert(_ a: MonitoringAlertNotification) {
        let fired = a.state == "firing"
        log(
            fired ? .warning : .notice, fired ? "alert.fired" : "alert.resolved",
            [
                "rule": .string(a.rule), "method": .string(a.method), "value": .stringConvertible(a.value),
                "threshold": .stringConvertible(a.threshold),
            ])
    }

    func log(_ level: Logger.Level, _ event: String, _ metadata: Logger.Metadata) {
        var m = metadata
        m["event"] = .string(event)
        logger.log(level: level, "\(event)", metadata: m)
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }
}
