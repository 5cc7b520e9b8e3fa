public import AsyncHTTPClient
public import Foundation
public import TableTalkCore
import NIOCore
import NIOHTTP1

/// Every AWS call of TableTalk goes through here: the request is signed with SigV4 (again on each try, so the
/// signature stays fresh), sent with async-http-client, tried again on throttling and 5xx under the shared
/// ``RetryPolicy``, and an error reply becomes an ``AWSError`` with the service's own code. Swift task
/// cancellation cancels the request in flight.
public struct AWSClient: Sendable {
    public let settings: AWSSettings
    public let http: HTTPClient
    public var timeout: Duration
    public var retry: RetryPolicy
    /// Largest reply body read (Athena result pages and S3 listings stay far below it).
    public var maxBodyBytes = 64 << 20

    public init(settings: AWSSettings, http: HTTPClient = AWSClient.sharedHTTP, timeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy()) {
        self.settings = settings
        self.http = http
        self.timeout = timeout
        self.retry = retry
    }

    /// The process-wide HTTP client for AWS: a refused connection fails at once (``retry`` decides about trying again).
    public static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// A signer for `service` with the current credentials.
    public func signer(for service: AWSService) throws -> SigV4Signer {
        SigV4Signer(credentials: try settings.credentials(), region: settings.region, service: service.signingName, options: service.options)
    }

    /// Sends one request to `service` and returns its reply; a status of 300 or more throws ``AWSError``.
    /// - Parameters:
    ///   - path: raw path (encoded here), e.g. `/bucket/key with space`.
    ///   - query: raw names and values (encoded here).
    public func send(
        _ service: AWSService, method: String, path: String = "/", query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) async throws -> AWSResponse {
        let url = SigV4Request.url(endpoint: settings.endpoint(service), path: path, query: query)
        return try await send(service, request: SigV4Request(method: method, url: url, headers: headers, body: body))
    }

    /// Sends a request whose URL is already on the wire form.
    public func send(_ service: AWSService, request: SigV4Request) async throws -> AWSResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let failure: AWSError
            do {
                let reply = try await once(service, request)
                if reply.status < 300 { return reply }
                failure = Self.error(from: reply, wire: service.wire)
            } catch let error as AWSError {
                failure = error
            }
            guard failure.isRetryable, let wait = retry.delay(afterAttempt: attempt) else { throw failure }
            try await Task.sleep(for: wait)
        }
    }

    /// One JSON-protocol call (`X-Amz-Target: <prefix>.<action>`): the reply body as JSON bytes.
    public func json(_ service: AWSService, action: String, body: [UInt8]) async throws -> [UInt8] {
        guard case .json(let version, let prefix) = service.wire else {
            preconditionFailure("\(service.signingName) is not a JSON-protocol service")
        }
        let headers = [
            (name: "Content-Type", value: "application/x-amz-json-\(version)"),
            (name: "X-Amz-Target", value: "\(prefix).\(action)"),
        ]
        return try await send(service, method: "POST", headers: headers, body: body).body
    }

    /// One JSON-protocol call with Codable request and reply shapes.
    public func json<Reply: Decodable>(
        _ service: AWSService, action: String, _ request: some Encodable, as: Reply.Type = Reply.self
    ) async throws -> Reply {
        let body = try JSONEncoder().encode(request)
        let reply = try await json(service, action: action, body: Array(body))
        do {
            return try JSONDecoder().decode(Reply.self, from: Data(reply.isEmpty ? Array("{}".utf8) : reply))
        } catch {
            throw AWSError(status: 200, code: "MalformedReply", message: "\(service.signingName) \(action): unreadable reply (\(error))")
        }
    }

    /// One query-protocol call (`Action=…&Version=…` form body): the reply body as XML text.
    public func query(_ service: AWSService, action: String, parameters: [(name: String, value: String)]) async throws -> String {
        guard case .query(let apiVersion) = service.wire else {
            preconditionFailure("\(service.signingName) is not a query-protocol service")
        }
        let pairs = [(name: "Action", value: action), (name: "Version", value: apiVersion)] + parameters
        let form = pairs.map { AWSURIEncoding.encode($0.name) + "=" + AWSURIEncoding.encode($0.value) }.joined(separator: "&")
        let headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")]
        return try await send(service, method: "POST", headers: headers, body: Array(form.utf8)).text
    }

    private func once(_ service: AWSService, _ request: SigV4Request) async throws -> AWSResponse {
        let signed = try signer(for: service).sign(request)
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in signed.headers where header.name.lowercased() != "host" {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !request.body.isEmpty || ["PUT", "POST"].contains(request.method) {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let reply = try await http.execute(outgoing, timeout: Self.timeAmount(timeout))
            var body = try await reply.body.collect(upTo: maxBodyBytes)
            var headers: [String: String] = [:]
            for header in reply.headers { headers[header.name.lowercased()] = header.value }
            return AWSResponse(status: Int(reply.status.code), headers: headers, body: body.readBytes(length: body.readableBytes) ?? [])
        } catch {
            if Task.isCancelled { throw CancellationError() }
            if let e = error as? HTTPClientError, e == .deadlineExceeded || e == .readTimeout {
                throw AWSError.timeout(String(timeout.components.seconds))
            }
            throw AWSError.unreachable(String(describing: error))
        }
    }

    /// Reads the service's error code and message from an error reply (JSON `__type`/`message`, XML `<Code>`/`<Message>`).
    static func error(from reply: AWSResponse, wire: AWSService.WireProtocol) -> AWSError {
        let requestId = reply.headers["x-amzn-requestid"] ?? reply.headers["x-amz-request-id"]
        var code = reply.headers["x-amzn-errortype"].map { String($0.split(separator: ":").first ?? "") } ?? ""
        var message = ""
        let text = reply.text
        if case .json = wire, let object = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] {
            if let type = object["__type"] as? String ?? object["code"] as? String { code = type }
            message = object["message"] as? String ?? object["Message"] as? String ?? ""
        } else if let xmlCode = AWSXML.value("Code", in: text) {
            code = xmlCode
            message = AWSXML.value("Message", in: text) ?? ""
        }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if code.isEmpty { code = "HTTP\(reply.status)" }
        if message.isEmpty { message = text.isEmpty ? "HTTP \(reply.status)" : String(text.prefix(300)) }
        return AWSError(status: reply.status, code: code, message: message, requestId: requestId)
    }

    static func timeAmount(_ d: Duration) -> TimeAmount {
        let (s, atto) = d.components
        return .nanoseconds(s * 1_000_000_000 + atto / 1_000_000_000)
    }
}
