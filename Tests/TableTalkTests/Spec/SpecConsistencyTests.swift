import Foundation
import TableTalkApp
import Testing
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// Code and spec never disagree: methods, notifications, error codes and examples.
@Suite struct SpecConsistencyTests {
    static let spec: JSONValue = {
        let url = PackagePaths.root.appendingPathComponent("Protocol/openrpc.json")
        return try! JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }()

    var specMethods: [JSONValue] { Self.spec["methods"]?.arrayValue ?? [] }
    var specNotifications: [JSONValue] { Self.spec["x-notifications"]?.arrayValue ?? [] }

    @Test func everyRegisteredMethodIsInTheSpecAndViceVersa() throws {
        let registry = try TestRuntime.make().broker.registry
        let registered = Set(registry.methodNames)
        let documented = Set(specMethods.compactMap { $0["name"]?.stringValue })
        #expect(registered.subtracting(documented).sorted() == [], "registered but not in Protocol/openrpc.json")
        #expect(documented.subtracting(registered).sorted() == [], "in Protocol/openrpc.json but not registered")
    }

    @Test func everyNotificationIsInTheSpecAndViceVersa() throws {
        let registry = try TestRuntime.make().broker.registry
        let code = Set(registry.notificationNames + registry.outgoingNotificationNames)
        let documented = Set(specNotifications.compactMap { $0["name"]?.stringValue })
        #expect(code.subtracting(documented).sorted() == [])
        #expect(documented.subtracting(code).sorted() == [])
    }

    @Test func errorCodesAgreeAcrossCodeSpecAndReadme() throws {
        let specErrors = Self.spec["components"]?["errors"]?.objectValue ?? [:]
        let specCodes = Dictionary(uniqueKeysWithValues: specErrors.map { ($0.key, Int($0.value["code"]?.intValue ?? 0)) })
        let codeCodes = ErrorCode.documented.mapValues(\.rawValue)
        #expect(specCodes == codeCodes)
        // Every domain error kind is a documented code.
        for kind in TableTalkError.Kind.allCases {
            #expect(Set(codeCodes.values).contains(kind.rawValue), "TableTalkError.Kind.\(kind) has no documented code")
        }
        let readme = try String(contentsOf: PackagePaths.root.appendingPathComponent("Protocol/README.md"), encoding: .utf8)
        let table = Set(readme.split(separator: "\n").compactMap { line -> Int? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return cells.count >= 3 ? Int(cells[0]) : nil
        })
        #expect(table == Set(codeCodes.values), "Protocol/README.md error table differs from the code")
    }

    @Test func everyMethodHasAnExampleThatRoundTripsThroughTheCodableTypes() throws {
        let registry = try TestRuntime.make().broker.registry
        for method in specMethods {
            let name = try #require(method["name"]?.stringValue)
            let examples = method["examples"]?.arrayValue ?? []
            #expect(!examples.isEmpty, "\(name) has no example")
            guard let type = registry.requestType(for: name) else { continue }
            for example in examples {
                var params: [String: JSONValue] = [:]
                for p in example["params"]?.arrayValue ?? [] { params[p["name"]!.stringValue!] = p["value"] }
                let decodedParams = try Self.roundTripParams(type, .object(params))
                #expect(JSONMatcher.matches(decodedParams, .object(params)), "\(name) example params do not round-trip")
                if let result = example["result"]?["value"], name != "rpc.discover" {
                    let decoded = try Self.roundTripResult(type, result)
                    #expect(JSONMatcher.matches(decoded, result) && JSONMatcher.matches(result, decoded), "\(name) example result does not round-trip: \(decoded)")
                }
            }
        }
    }

    @Test func notificationExamplesRoundTrip() throws {
        let registry = try TestRuntime.make().broker.registry
        for n in specNotifications {
            let name = try #require(n["name"]?.stringValue)
            guard let type = registry.notificationType(for: name) else {
                #expect(name == "exit", "\(name) has no registered type")
                continue
            }
            #expect(name == ExitNotification.method || !(n["examples"]?.arrayValue ?? []).isEmpty, "\(name) has no example")
            for example in n["examples"]?.arrayValue ?? [] {
                var params: [String: JSONValue] = [:]
                for p in example["params"]?.arrayValue ?? [] { params[p["name"]!.stringValue!] = p["value"] }
                let decoded = try Self.roundTripNotification(type, .object(params))
                #expect(JSONMatcher.matches(decoded, .object(params)), "\(name) example does not round-trip")
            }
        }
    }

    @Test func assembledSpecIsUpToDate() async throws {
        let p = try await ChildProcess.run(["python3", PackagePaths.root.appendingPathComponent("scripts/build-openrpc.py").path, "--check"])
        #expect(p.status == 0, "run scripts/build-openrpc.py")
    }

    static func roundTripParams<R: RPCRequest>(_ type: R.Type, _ value: JSONValue) throws -> JSONValue {
        try JSONValue(encoding: value.decode(as: R.self))
    }

    static func roundTripResult<R: RPCRequest>(_ type: R.Type, _ value: JSONValue) throws -> JSONValue {
        try JSONValue(encoding: value.decode(as: R.Response.self))
    }

    static func roundTripNotification<N: RPCNotification>(_ type: N.Type, _ value: JSONValue) throws -> JSONValue {
        try JSONValue(encoding: value.decode(as: N.self))
    }
}
