import TableTalkCore
import TableTalkProtocol

/// Bridges the ingestor's synchronous progress callback to async `upload.progress` notifications: callbacks are
/// buffered (newest kept), phase changes are always sent, other updates at most once per interval.
final class IngestProgressRelay: Sendable {
    private let continuation: AsyncStream<IngestProgress>.Continuation
    private let consumer: Task<Void, Never>

    init(
        uploadId: String, interval: Duration, sink: @escaping UploadManager.ProgressSink,
        onPhase: @escaping @Sendable (UploadPhase) async -> Void
    ) {
        let (stream, continuation) = AsyncStream.makeStream(of: IngestProgress.self, bufferingPolicy: .bufferingNewest(16))
        self.continuation = continuation
        consumer = Task {
            var lastPhase = UploadPhase.parsing
            var lastSent = ContinuousClock.now
            for await p in stream {
                let phase: UploadPhase
                switch p.phase {
                case .parsing: phase = .parsing
                case .loading: phase = .loading
                case .ready, .failed: continue  // the manager reports the outcome itself
                }
                let now = ContinuousClock.now
                guard phase != lastPhase || now - lastSent >= interval else { continue }
                if phase != lastPhase { await onPhase(phase) }
                lastPhase = phase
                lastSent = now
                let percent = p.totalBytes > 0 ? (Double(min(p.bytesRead, p.totalBytes)) * 1000 / Double(p.totalBytes)).rounded() / 10 : 0
                await sink(
                    UploadProgressNotification(
                        uploadId: uploadId, phase: phase, bytes: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows,
                        percent: percent))
            }
        }
    }

    func yield(_ progress: IngestProgress) { continuation.yield(progress) }

    /// Stops accepting updates and waits until the last one was sent.
    func finish() async {
        continuation.finish()
        await consumer.value
    }
}
