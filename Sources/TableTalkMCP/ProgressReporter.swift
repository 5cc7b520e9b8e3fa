public import MCP
import TableTalkProtocol

/// Sends MCP `notifications/progress` for one tool call that carried a `progressToken`. Progress only grows, as
/// MCP requires: import phases map onto one 0…100 scale (parsing 0–50, loading 50–100).
public actor ProgressReporter {
    public typealias Send = @Sendable (ProgressNotification.Parameters) async -> Void
    let token: ProgressToken
    let send: Send
    private var last = -1.0

    public init(token: ProgressToken, send: @escaping Send) {
        self.token = token
        self.send = send
    }

    /// Reports `progress` of 100 with a short message, unless it would go backwards.
    func report(_ progress: Double, _ message: String) async {
        let value = min(100, max(0, progress))
        guard value > last else { return }
        last = value
        await send(.init(progressToken: token, progress: value, total: 100, message: message))
    }

    /// Maps a broker `upload.progress` onto the scale.
    func upload(_ note: UploadProgressNotification) async {
        let overall: Double
        switch note.phase {
        case .receiving, .parsing: overall = note.percent * 0.5
        case .loading: overall = 50 + note.percent * 0.5
        case .ready: overall = 100
        case .failed: return
        }
        let rows = note.rows > 0 ? ", \(note.rows) rows" : ""
        await report(overall, "\(note.phase.rawValue)\(rows)")
    }
}
