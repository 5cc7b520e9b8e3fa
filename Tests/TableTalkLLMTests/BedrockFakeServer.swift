import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TableTalkTestSupport
import TableTalkAWS

/// A scripted Bedrock Converse server on loopback: answers each request with the next scripted reply (the last
/// one repeats), records what it received, and checks every request the way AWS does: path, `x-amz-date`, the
/// `Authorization` shape, and the signature recomputed over the headers it names.
final class BedrockFakeServer: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String] = [:]
        var body: String
        var delay: Duration = .zero

        /// A Converse success with usage and stop reason.
        static func converse(_ text: String, input: Int = 12, output: Int = 5, stop: String = "end_turn") -> Reply {
            Reply(status: 200, headers: ["Content-Type": "application/json"], body: """
                {"output":{"message":{"role":"assistant","content":[{"text":\(Self.json(text))}]}},"stopReason":"\(stop)",\
                "usage":{"inputTokens":\(input),"outputTokens":\(output),"totalTokens":\(input + output)},"metrics":{"latencyMs":42}}
                """)
        }

        /// A Bedrock error: `{"message"}` body and the exception name in `x-amzn-ErrorType`.
        static func error(_ status: Int, _ type: String, _ message: String) -> Reply {
            Reply(status: status, headers: [
                "Content-Type": "application/json",
                "x-amzn-ErrorType": "\(type):http://internal.amazon.com/coral/com.amazon.bedrock/",
            ], body: #"{"message":\#(Self.json(message))}"#)
        }

        static func json(_ text: String) -> String {
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }
    }

    struct Received: Sendable {
        var method: String
        var path: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    let credentials: AWSCredentials
    let region: String
    let expectedPath: String
    private let state = Mutex<(replies: [Reply], received: [Received], problems: [String])>(([], [], []))
    private let http = Mutex<LoopbackHTTPServer?>(nil)

    var received: [Received] { state.withLock { $0.received } }
    /// Every way a request was not what Bedrock would accept (empty when all were correctly signed).
    var problems: [String] { state.withLock { $0.problems } }

    private init(credentials: AWSCredentials, region: String, expectedPath: String, replies: [Reply]) {
        self.credentials = credentials
        self.region = region
        self.expectedPath = expectedPath
        state.withLock { $0.replies = replies }
    }

    /// Starts a server on 127.0.0.1 (a free port) that answers with `replies` in order.
    static func start(
        replies: [Reply], credentials: AWSCredentials, region: String = "us-east-1",
        expectedPath: String = "/model/amazon.nova-lite-v1%3A0/converse"
    ) async throws -> (BedrockFakeServer, endpoint: String) {
        let server = BedrockFakeServer(credentials: credentials, region: region, expectedPath: expectedPath, replies: replies)
        let http = try await LoopbackHTTPServer.start(label: "fake-bedrock") { try await server.respond(to: $0) }
        server.http.withLock { $0 = http }
        return (server, http.baseURL)
    }

    func stop() { http.withLock { $0?.stop() } }

    private func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "Host", value: authority)) }
        let received = Received(method: request.method.rawValue, path: request.uri.path, headers: headers, body: Array(body.readableBytesView))
        let problems = check(received)
        let reply = state.withLock { state -> Reply in
            state.received.append(received)
            state.problems += problems
            return state.replies.count > 1 ? state.replies.removeFirst() : state.replies[0]
        }
        if reply.delay > .zero { try? await Task.sleep(for: reply.delay) }
        var fields = HTTPFields()
        for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
        return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }

    /// What AWS would refuse about this request: wrong path or method, a missing or stale date, a malformed
    /// Authorization, or a signature that does not match the one recomputed from the signed headers.
    private func check(_ r: Received) -> [String] {
        var problems: [String] = []
        if r.method != "POST" { problems.append("method \(r.method)") }
        if r.path != expectedPath { problems.append("path \(r.path), expected \(expectedPath)") }
        guard let amzDate = r.header("x-amz-date"), AWSTimestamp(amzDate: amzDate) != nil, let date = Self.date(amzDate) else {
            return problems + ["no valid x-amz-date"]
        }
        if abs(date.timeIntervalSinceNow) > 300 { problems.append("x-amz-date \(amzDate) is more than 5 minutes off") }
        guard let authorization = r.header("authorization"),
            let match = authorization.wholeMatch(
                of: /AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/bedrock\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})/)
        else {
            return problems + ["Authorization shape: \(r.header("authorization") ?? "none")"]
        }
        if match.1 != credentials.accessKeyId { problems.append("access key \(match.1)") }
        if match.2 != amzDate.prefix(8) { problems.append("scope date \(match.2) differs from x-amz-date") }
        if match.3 != region { problems.append("region \(match.3)") }
        let signedNames = Set(match.4.split(separator: ";").map(String.init))
        for required in ["host", "x-amz-date", "content-type"] where !signedNames.contains(required) {
            problems.append("\(required) is not signed")
        }
        let signer = SigV4Signer(credentials: credentials, region: region, service: "bedrock")
        let host = r.header("host") ?? ""
        let resigned = try? signer.sign(
            SigV4Request(method: r.method, url: "http://\(host)\(r.path)", headers: r.headers.filter { signedNames.contains($0.name.lowercased()) }, body: r.body),
            date: date)
        if resigned?.authorization != authorization { problems.append("signature does not verify") }
        return problems
    }

    static func date(_ amzDate: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.date(from: amzDate)
    }
}
