import Foundation
import TableTalkProtocol

/// The protocol spec (`Protocol/openrpc.json`, bundled as a resource) that `rpc.discover` returns.
enum OpenRPCDocument {
    static func load() -> JSONValue {
        guard let url = Bundle.module.url(forResource: "openrpc", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let doc = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return .object(["openrpc": "1.3.2", "info": ["title": "TableTalk", "version": "unavailable"], "methods": []]) }
        return doc
    }
}
