import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import TableTalkBroker
import TableTalkCore

extension GatewayServer {
    /// `/healthz` and `/openrpc.json` (public), `/metrics` and `PUT /uploads/{id}` (token), and the static UI
    /// (public files).
    func addHTTPRoutes(to router: Router<GatewayRequestContext>) {
        let config = configuration
        router.get("/healthz") { _, _ -> Response in
            Self.json(#"{"status":"ok"}"#)
        }
        if let spec = config.openRPCDocument {
            router.get("/openrpc.json") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: spec)))
            }
        }
        router.get("/metrics") { request, context -> Response in
            _ = try await principal(for: request, context: context)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: await config.metrics())))
        }
        router.put("/uploads/:id") { request, context -> Response in
            try await receivePart(request: request, context: context)
        }
        let ui = configuration.uiDirectory ?? Bundle.module.resourceURL?.appendingPathComponent("ui")
        if let ui {
            router.middlewares.add(FileMiddleware(ui.path, searchForIndexHtml: true))
        }
    }

    /// Writes the body into the upload as it comes off the socket (no collecting, no copy into `Data`), and
    /// answers with the bytes received so far once the whole part is in.
    private func receivePart(request: Request, context: GatewayRequestContext) async throws -> Response {
        let principal = try await principal(for: request, context: context)
        guard let receiver = broker.registry.uploadPartReceiver else { throw HTTPError(.notFound) }
        guard let id = context.parameters.get("id"), let offset = request.uri.queryParameters["offset"].flatMap({ Int64($0) })
        else { throw HTTPError(.badRequest, message: "PUT /uploads/{id}?offset=N") }
        let length = request.headers[.contentLength].flatMap { Int64($0) }
        if let length, length > receiver.maxPartSize {
            throw HTTPError(.contentTooLarge, message: "a part may be at most \(receiver.maxPartSize) bytes")
        }
        do {
            let part = try await receiver.openPart(uploadId: id, offset: offset, length: length, principal: principal)
            do {
                for try await buffer in request.body {
                    try buffer.withUnsafeReadableBytes { try part.append($0) }
                }
            } catch {
                await part.cancel()
                throw error
            }
            let received = try await part.commit()
            return Self.json(#"{"uploadId":"\#(id)","received":\#(received)}"#)
        } catch let error as TableTalkError {
            let status: HTTPResponse.Status =
                error.kind == .uploadNotFound ? .notFound : error.kind == .uploadTooLarge ? .contentTooLarge
                : error.kind == .storageFull ? .init(code: 507, reasonPhrase: "Insufficient Storage") : .conflict
            let body = (try? JSONEncoder().encode(["code": "\(error.code)", "message": error.message])) ?? Data()
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
