import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TableTalkTestSupport

/// A scripted Athena on loopback for the states moto cannot produce (a query RUNNING for a while, FAILED with a
/// reason, cancelled by the bytes-scanned cutoff): it speaks Athena's JSON wire format (`POST /`,
/// `X-Amz-Target: AmazonAthena.<Action>`, `application/x-amz-json-1.1`), answers `GetQueryExecution` with the
/// scripted states in order (the last one repeats; `StopQueryExecution` turns it CANCELLED), serves the scripted
/// rows honouring `MaxResults` and `NextToken`, and records every call with the time it arrived.
final class AthenaFakeServer: Sendable {
    struct Status: Sendable {
        var state: String
        var reason: String? = nil
        var errorCategory: Int? = nil
        var scannedBytes: Int64 = 0
        var engineMillis: Int64 = 0
    }

    struct Call: Sendable {
        var action: String
        var body: [UInt8]
        var at: ContinuousClock.Instant
        /// The request's JSON fields.
        var fields: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    private struct State {
        var statuses: [Status]
        var columns: [(name: String, type: String)]
        var rows: [[String?]]
        var calls: [Call] = []
        var stopped = false
        var failStarts = 0
        /// A 400 reply to every `StartQueryExecution` (`__type`, message).
        var refuseStarts: (type: String, message: String)?
        /// Starts so far; a `NextToken` is `t<position>@<start>`.
        var starts = 0
        /// `NextToken`s of starts up to this one fail, as for results Athena no longer serves.
        var expiredThrough = 0
    }

    private let state: Mutex<State>
    private let http = Mutex<LoopbackHTTPServer?>(nil)
    let executionId = "fake-\(UUID().uuidString.lowercased())"

    private init(_ s: State) { state = Mutex(s) }

    /// Starts a server; `failStarts` first `StartQueryExecution` calls get HTTP 500 (to exercise retries).
    static func start(
        statuses: [Status], columns: [(name: String, type: String)] = [("n", "integer")], rows: [[String?]] = [],
        failStarts: Int = 0
    ) async throws -> (AthenaFakeServer, endpoint: String) {
        let server = AthenaFakeServer(State(statuses: statuses, columns: columns, rows: rows, failStarts: failStarts))
        let http = try await LoopbackHTTPServer.start(label: "fake-athena") { try await server.respond(to: $0) }
        server.http.withLock { $0 = http }
        return (server, http.baseURL)
    }

    func stop() { http.withLock { $0?.stop() } }

    /// Refuses every following start with HTTP 400 and this Athena error.
    func refuseStarts(_ type: String, _ message: String) { state.withLock { $0.refuseStarts = (type, message) } }
    /// Makes the `NextToken`s of the executions started so far fail.
    func expireTokens() { state.withLock { $0.expiredThrough = $0.starts } }

    var calls: [Call] { state.withLock { $0.calls } }
    func calls(_ action: String) -> [Call] { calls.filter { $0.action == action } }

    private func respond(to request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let target = request.headers[HTTPField.Name("X-Amz-Target")!] ?? ""
        let action = target.hasPrefix("AmazonAthena.") ? String(target.dropFirst("AmazonAthena.".count)) : target
        let body = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        let call = Call(action: action, body: Array(bytes.readableBytesView), at: .now)
        let (status, data) = state.withLock { s -> (Int, Data) in
            s.calls.append(call)
            let (status, reply) = reply(to: action, body: body, state: &s)
            return (status, (try? JSONSerialization.data(withJSONObject: reply)) ?? Data())
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/x-amz-json-1.1"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func reply(to action: String, body: [String: Any], state s: inout State) -> (Int, Any) {
        switch action {
        case "StartQueryExecution":
            if let refusal = s.refuseStarts { return (400, ["__type": refusal.type, "message": refusal.message]) }
            if s.failStarts > 0 {
                s.failStarts -= 1
                return (500, ["__type": "InternalServerException", "message": "try again"])
            }
            s.starts += 1
            return (200, ["QueryExecutionId": executionId])
        case "GetQueryExecution":
            var status = s.statuses.count > 1 ? s.statuses.removeFirst() : s.statuses[0]
            if s.stopped { status = Status(state: "CANCELLED", reason: "Query cancelled by user") }
            var st: [String: Any] = ["State": status.state]
            if let r = status.reason { st["StateChangeReason"] = r }
            if let c = status.errorCategory {
                st["AthenaError"] = ["ErrorCategory": c, "ErrorType": 1000, "Retryable": false, "ErrorMessage": status.reason ?? ""]
            }
            return (200, ["QueryExecution": [
                "QueryExecutionId": executionId, "Query": "scripted", "StatementType": "DML", "Status": st,
                "Statistics": ["DataScannedInBytes": status.scannedBytes, "EngineExecutionTimeInMillis": status.engineMillis],
                "WorkGroup": "wg",
            ] as [String: Any]])
        case "StopQueryExecution":
            s.stopped = true
            return (200, [:] as [String: Any])
        case "GetQueryResults":
            let token = (body["NextToken"] as? String)?.dropFirst("t".count).split(separator: "@").compactMap { Int($0) }
            if let token, token.count == 2, token[1] <= s.expiredThrough {
                return (400, ["__type": "InvalidRequestException", "message": "Query has expired"])
            }
            let max = body["MaxResults"] as? Int ?? 1000
            let start = token?.first ?? 0
            // Position 0 is the header row; data row k is position k + 1.
            let all: [[String?]] = [s.columns.map(\.name)] + s.rows
            let end = min(all.count, start + max)
            let rows = all[min(start, all.count)..<end].map { row in
                ["Data": row.map { $0.map { ["VarCharValue": $0] } ?? [:] }]
            }
            var result: [String: Any] = ["ResultSet": [
                "Rows": rows,
                "ResultSetMetadata": ["ColumnInfo": s.columns.map { ["Name": $0.name, "Label": $0.name, "Type": $0.type] }],
            ] as [String: Any]]
            if end < all.count { result["NextToken"] = "t\(end)@\(s.starts)" }
            return (200, result)
        default:
            return (400, ["__type": "InvalidRequestException", "message": "unknown action \(action)"])
        }
    }
}
