// swift-tools-version:6.1
// TableTalk: plain-English questions about CSV files, answered with SQL, over JSON-RPC 2.0.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "TableTalk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tabletalk", targets: ["tabletalk"]),
        .executable(name: "tabletalk-bench", targets: ["tabletalk-bench"]),
        .executable(name: "tabletalk-webhooks", targets: ["tabletalk-webhooks"]),
        .library(name: "TableTalkProtocol", targets: ["TableTalkProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
    ],
    targets: [
        // Wire types: JSON-RPC 2.0 envelope, method and notification types. Imports nothing of ours.
        .target(name: "TableTalkProtocol", swiftSettings: swiftSettings),
        // Domain values and ports (protocols) that adapters implement.
        .target(name: "TableTalkCore", dependencies: [logging], swiftSettings: swiftSettings),
        // Session lifecycle, method registry, dispatch, cancellation, external plugin processes. No sockets.
        .target(
            name: "TableTalkBroker",
            dependencies: ["TableTalkProtocol", "TableTalkCore", logging],
            swiftSettings: swiftSettings
        ),

        // Capability modules (Plugins/): each owns one method namespace and sees only Broker, Protocol, Core.
        .target(
            name: "TableTalkMonitoring", dependencies: ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore", logging],
            path: "Plugins/Monitoring", swiftSettings: swiftSettings),
        .target(
            name: "TableTalkUpload", dependencies: ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"],
            path: "Plugins/Upload", swiftSettings: swiftSettings),
        .target(
            name: "TableTalkQuery", dependencies: ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"],
            path: "Plugins/Query", swiftSettings: swiftSettings),
        .target(
            name: "TableTalkChat", dependencies: ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"],
            path: "Plugins/Chat", swiftSettings: swiftSettings),
        .target(
            name: "TableTalkHistory", dependencies: ["TableTalkBroker", "TableTalkProtocol", "TableTalkCore"],
            path: "Plugins/History", swiftSettings: swiftSettings),

        // Transports.
        .target(
            name: "TableTalkStdio", dependencies: ["TableTalkBroker", "TableTalkProtocol", logging],
            swiftSettings: swiftSettings),
        .target(
            name: "TableTalkWebSocket",
            dependencies: [
                "TableTalkBroker", "TableTalkProtocol", "TableTalkCore", hummingbird, logging,
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            resources: [.copy("Resources/ui")],
            swiftSettings: swiftSettings),

        // Adapters behind the ports.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // CSV reading and type inference, shared by the SQLite and AWS ingest paths.
        // CSV reading and type inference, shared by the SQLite and AWS ingest. Release builds drop the dynamic
        // exclusivity checks here: the ingest loops reach this module's classes per cell from another module, where
        // the checks cannot be optimised away (measured: 100 MB ingest 1.36 s with them, 1.22 s without; before the
        // module split 1.27 s). Debug builds, which run the tests, keep every check.
        .target(
            name: "TableTalkCSV", dependencies: ["TableTalkCore"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "TableTalkSQLite", dependencies: ["TableTalkCore", "TableTalkCSV", "CSQLite", crypto, logging],
            swiftSettings: swiftSettings),
        .target(name: "TableTalkRules", dependencies: ["TableTalkCore"], resources: [.copy("Resources/lexicon")], swiftSettings: swiftSettings),
        // AWS request signing (SigV4) and credentials, written once for Bedrock, S3, Glue, Athena, DynamoDB.
        .target(
            name: "TableTalkAWS",
            dependencies: [
                "TableTalkCore", "TableTalkCSV", crypto, logging,
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        // LLM translators behind the QuestionTranslator port: Bedrock Converse and OpenAI-compatible models.
        .target(
            name: "TableTalkLLM",
            dependencies: [
                "TableTalkCore", "TableTalkAWS", logging,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Resources/sql-words.json")],
            swiftSettings: swiftSettings),

        // Model Context Protocol face of the broker (`tabletalk mcp`): MCP tools and resources over broker sessions.
        .target(
            name: "TableTalkMCP",
            dependencies: [
                "TableTalkBroker", "TableTalkProtocol", "TableTalkCore", logging,
                .product(name: "MCP", package: "swift-sdk"),
            ],
            resources: [.copy("Resources/tools.json")],
            swiftSettings: swiftSettings),

        // Composition root and executables.
        .target(
            name: "TableTalkApp",
            dependencies: [
                "TableTalkProtocol", "TableTalkCore", "TableTalkBroker",
                "TableTalkMonitoring", "TableTalkUpload", "TableTalkQuery", "TableTalkChat", "TableTalkHistory",
                "TableTalkStdio", "TableTalkWebSocket", "TableTalkSQLite", "TableTalkRules", "TableTalkLLM", "TableTalkAWS", crypto, logging,
            ],
            resources: [.copy("Resources/openrpc.json")],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "tabletalk",
            dependencies: [
                "TableTalkApp", "TableTalkBroker", "TableTalkCore", "TableTalkProtocol", "TableTalkMonitoring",
                "TableTalkStdio", "TableTalkWebSocket", "TableTalkSQLite", "TableTalkRules", "TableTalkMCP", logging,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "tabletalk-bench",
            dependencies: [
                "TableTalkApp", "TableTalkProtocol", "TableTalkBroker", "TableTalkStdio", "TableTalkWebSocket",
                "TableTalkSQLite", "TableTalkCore", "TableTalkRules", "TableTalkLLM", hummingbird, logging,
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // Webhooks (issue 15): an external plugin process written in C (jansson, libcurl, OpenSSL); see its README.
        .executableTarget(
            name: "tabletalk-webhooks", path: "Plugins/Webhooks", exclude: ["README.md"],
            cSettings: [.unsafeFlags(["-Werror", "-Wall", "-Wextra"])],
            linkerSettings: [.linkedLibrary("curl"), .linkedLibrary("ssl"), .linkedLibrary("crypto"), .linkedLibrary("jansson"), .linkedLibrary("pthread")]),

        // Test support and tests.
        .target(
            name: "TableTalkTestSupport",
            dependencies: ["TableTalkProtocol", "TableTalkBroker", "TableTalkCore", hummingbird, logging],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TableTalkSQLiteTests",
            dependencies: ["TableTalkSQLite", "TableTalkCSV", "TableTalkCore", "CSQLite", "TableTalkTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TableTalkRulesTests",
            dependencies: ["TableTalkRules", "TableTalkCore", "TableTalkSQLite"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TableTalkLLMTests",
            dependencies: [
                "TableTalkLLM", "TableTalkAWS", "TableTalkCore", "TableTalkRules", "TableTalkSQLite", "TableTalkTestSupport", hummingbird,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TableTalkAWSTests",
            dependencies: [
                "TableTalkAWS", "TableTalkCore", "TableTalkCSV", "TableTalkTestSupport", "TableTalkSQLite", hummingbird,
                "TableTalkUpload", "TableTalkProtocol", "TableTalkBroker", logging,
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TableTalkTests",
            dependencies: [
                "TableTalkApp", "TableTalkTestSupport", "TableTalkProtocol", "TableTalkBroker", "TableTalkCore",
                "TableTalkSQLite", "TableTalkRules", "TableTalkStdio", "TableTalkWebSocket", "TableTalkMonitoring",
                "TableTalkUpload", "TableTalkQuery", "TableTalkChat", "TableTalkHistory", "TableTalkMCP", "TableTalkAWS", hummingbird,
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            swiftSettings: swiftSettings),
    ]
)
