import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TableTalkTestSupport

/// A scripted OpenAI-compatible server on loopback: `POST /v1/chat/completions` answers each request with the next
/// scripted reply (the last one repeats) in the real wire format, and records what it received.
final class OpenAIFakeServer: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String] = ["Content-Type": "application/json"]
        var body: String
        var delay: Duration = .zero

        /// A chat completion whose message content is `text`, with usage and finish reason.
        static func completion(_ text: String, prompt: Int = 120, completion: Int = 30, finish: String = "stop") -> Reply {
            Reply(status: 200, body: """
                {"id":"chatcmpl-1","object":"chat.completion","created":1733360000,"model":"fake-model",\
                "choices":[{"index":0,"message":{"role":"assistant","content":\(json(text))},"finish_reason":"\(finish)"}],\
                "usage":{"prompt_tokens":\(prompt),"completion_tokens":\(completion),"total_tokens":\(prompt + completion)}}
                """)
        }

        /// The answer in the format the prompt asks for.
        static func sql(_ sql: String, meaning: String = "Total amount by region") -> Reply {
            completion("MEANING: \(meaning)\n```sql\n\(sql)\n```")
        }

        /// An OpenAI error body `{"error": {"message", "type", "code"}}`.
        static func error(_ status: Int, _ message: String, type: String = "server_error", code: String? = nil,
                          headers: [String: String] = [:]) -> Reply {
            var h = ["Content-Type": "application/json"]
            for (k, v) in headers { h[k] = v }
            let codeJSON = code.map(json) ?? "null"
            return Reply(status: status, headers: h,
                         body: #"{"error":{"message":\#(json(message)),"type":\#(json(type)),"param":null,"code":\#(codeJSON)}}"#)
        }

        static func json(_ text: String) -> String {
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }
    }

    struct Received: Sendable {
        var path: String
        var authorization: String?
        var body: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] ?? [:]
        }
        var raw: [UInt8]
        /// The messages' contents joined, system first.
        var text: String {
            ((body["messages"] as? [[String: Any]]) ?? []).compactMap { $0["content"] as? String }.joined(separator: "\n")
        }
        var roles: [String] { ((body["messages"] as? [[String: Any]]) ?? []).compactMap { $0["role"] as? String } }
    }

    private let state = Mutex<(replies: [Reply], received: [Received])>(([], []))
    private let http = Mutex<LoopbackHTTPServer?>(nil)

    var received: [Received] { state.withLock { $0.received } }

    private init(replies: [Reply]) { state.withLock { $0.replies = replies } }

    /// Starts a server on 127.0.0.1 (a free port) that answers with `replies` in order; returns its base URL.
    static func start(_ replies: [Reply]) async throws -> (OpenAIFakeServer, baseURL: String) {
        let server = OpenAIFakeServer(replies: replies)
        let http = try await LoopbackHTTPServer.start(label: "fake-openai") { try await server.respond(to: $0) }
        server.http.withLock { $0 = http }
        return (server, http.baseURL)
    }

    func stop() { http.withLock { $0?.stop() } }

    private func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard request.method == .post, request.uri.path == "/v1/chat/completions" else {
            return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"not found","type":"invalid_request_error","code":null}}"#)))
        }
        let received = Received(
            path: request.uri.path, authorization: request.headers[.authorization], raw: Array(body.readableBytesView))
        let reply = state.withLock { state -> Reply in
            state.received.append(received)
            return state.replies.count > 1 ? state.replies.removeFirst() : state.replies[0]
        }
        if reply.delay > .zero { try? await Task.sleep(for: reply.delay) }
        var fields = HTTPFields()
        for (name, value) in reply.headers { fields[HTTPField.Name(name)!] = value }
        return Response(status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
