public import Foundation
import TableTalkProtocol

/// The protocol spec (`Protocol/openrpc.json`, bundled as a resource) that `rpc.discover` returns.
public enum OpenRPCDocument {
    /// The bundled spec's bytes as assembled (served at `GET /openrpc.json`), or nil when the resource is missing.
    public static func data() -> Data? {
        Bundle.module.url(forResource: "openrpc", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
    }

    static func load() -> JSONValue {
        guard let url = Bundle.module.url(forResource: "openrpc", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let doc = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .object(["openrpc": "1.3.2", "info": ["title": "TableTalk", "version": "unavailable"], "methods": []]) }
        return doc
    }
}
