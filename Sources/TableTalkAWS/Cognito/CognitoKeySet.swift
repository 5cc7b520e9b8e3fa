import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1
import TableTalkCore

/// The user pool's public keys (its JWKS), fetched on first use and kept. A token signed with a key id the set
/// does not hold makes it fetch the set again (Cognito rotates keys) — once: concurrent callers share one fetch,
/// and fetches are at least ``CognitoSettings/minRefreshInterval`` apart, so forged key ids cannot hammer the
/// endpoint. Keys gone from the new set are forgotten.
actor CognitoKeySet {
    let url: String
    let http: HTTPClient
    let minRefreshInterval: Duration
    let timeout: Duration
    /// Largest key set read (real ones are about 1 KiB).
    static let maxBytes = 1 << 20

    private var keys = JWTKeyCollection()
    private var kids: Set<String> = []
    private var lastFetch: ContinuousClock.Instant?
    private var inFlight: Task<Void, any Error>?
    /// How many times the key set was fetched (operators and tests).
    private(set) var fetches = 0

    init(url: String, http: HTTPClient, minRefreshInterval: Duration, timeout: Duration) {
        self.url = url
        self.http = http
        self.minRefreshInterval = minRefreshInterval
        self.timeout = timeout
    }

    /// The key collection when it holds `kid` (fetching the set again if allowed), else nil.
    /// Throws ``TokenRefusal/Reason/keysUnavailable`` when a needed fetch fails.
    func collection(holding kid: String) async throws -> JWTKeyCollection? {
        if kids.contains(kid) { return keys }
        if let running = inFlight {
            try await running.value
        } else if lastFetch.map({ ContinuousClock.now - $0 >= minRefreshInterval }) ?? true {
            try await refresh()
        }
        return kids.contains(kid) ? keys : nil
    }

    /// Fetches the set now, sharing a fetch already under way.
    func refresh() async throws {
        if let running = inFlight { return try await running.value }
        lastFetch = ContinuousClock.now
        fetches += 1
        let (url, http, timeout) = (self.url, self.http, self.timeout)
        let task = Task {
            let jwks = try await Self.fetch(url: url, http: http, timeout: timeout)
            try await self.install(jwks)
        }
        inFlight = task
        defer { inFlight = nil }
        try await task.value
    }

    /// Replaces the keys with those of `jwks` that carry a key id and that jwt-kit can use.
    private func install(_ jwks: JWKS) async throws {
        let fresh = JWTKeyCollection()
        var ids: Set<String> = []
        for jwk in jwks.keys {
            guard let kid = jwk.keyIdentifier?.string, (try? await fresh.add(jwk: jwk)) != nil else { continue }
            ids.insert(kid)
        }
        keys = fresh
        kids = ids
    }

    private static func fetch(url: String, http: HTTPClient, timeout: Duration) async throws -> JWKS {
        let request = HTTPClientRequest(url: url)
        let body: ByteBuffer
        do {
            let (s, atto) = timeout.components
            let reply = try await http.execute(request, timeout: .nanoseconds(s * 1_000_000_000 + atto / 1_000_000_000))
            guard reply.status.code == 200 else {
                throw TokenRefusal(.keysUnavailable, "the user pool key set at \(url) answered HTTP \(reply.status.code)")
            }
            body = try await reply.body.collect(upTo: maxBytes)
        } catch let refusal as TokenRefusal {
            throw refusal
        } catch {
            throw TokenRefusal(.keysUnavailable, "cannot fetch the user pool key set at \(url): \(error)")
        }
        do {
            return try JSONDecoder().decode(JWKS.self, from: Data(body.readableBytesView))
        } catch {
            throw TokenRefusal(.keysUnavailable, "the user pool key set at \(url) is not a JWKS: \(error)")
        }
    }
}
