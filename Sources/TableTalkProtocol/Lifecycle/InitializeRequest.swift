/// `initialize`: the first request of every session. Negotiates the protocol version and, on WebSocket,
/// may carry the access token when no `Authorization` header was sent.
public struct InitializeRequest: RPCRequest, Hashable {
    public static let method = "initialize"
    public typealias Response = InitializeResult

    public struct ClientInfo: Codable, Sendable, Hashable {
        public var name: String
        public var version: String?
        public init(name: String, version: String? = nil) {
            self.name = name
            self.version = version
        }
    }

    public var protocolVersion: String
    public var clientInfo: ClientInfo?
    public var token: String?

    public init(protocolVersion: String = ProtocolVersion.current, clientInfo: ClientInfo? = nil, token: String? = nil) {
        self.protocolVersion = protocolVersion
        self.clientInfo = clientInfo
        self.token = token
    }
}

/// What the server is and which namespaces and methods it has.
public struct InitializeResult: Codable, Sendable, Hashable {
    public struct ServerInfo: Codable, Sendable, Hashable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// One namespace (capability module or external plugin) and its methods.
    public struct Namespace: Codable, Sendable, Hashable {
        public var methods: [String]
        public var notifications: [String]
        /// `builtin` or `external`.
        public var kind: String
        public init(methods: [String], notifications: [String] = [], kind: String = "builtin") {
            self.methods = methods
            self.notifications = notifications
            self.kind = kind
        }
    }

    public struct Capabilities: Codable, Sendable, Hashable {
        public var namespaces: [String: Namespace]
        /// Facts such as `"engine": "sqlite"`, `"translator": "rules"`, `"uploadParts": "PUT /uploads/{id}?offset=N"`.
        public var features: [String: String]
        public init(namespaces: [String: Namespace], features: [String: String] = [:]) {
            self.namespaces = namespaces
            self.features = features
        }
    }

    public var protocolVersion: String
    public var serverInfo: ServerInfo
    public var capabilities: Capabilities
    /// The principal this session acts as.
    public var principal: String

    public init(protocolVersion: String, serverInfo: ServerInfo, capabilities: Capabilities, principal: String) {
        self.protocolVersion = protocolVersion
        self.serverInfo = serverInfo
        self.capabilities = capabilities
        self.principal = principal
    }
}
