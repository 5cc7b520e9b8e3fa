import Foundation
import TableTalkCore

/// The opaque `pageToken` of `query.run`: base64url of `{"o": offset, "h": hash of the SQL}`. Bound to its SQL, so a
/// token replayed with other SQL is `invalidPageToken`. Not a secret: the guard still checks every query.
struct PageToken: Codable, Hashable, Sendable {
    var o: Int
    var h: String

    init(offset: Int, sql: String) {
        o = offset
        h = Self.hash(sql)
    }

    var encoded: String {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return json.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The offset `token` stands for, when it was issued for `sql`.
    static func offset(from token: String, sql: String) throws -> Int {
        var b64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.utf8.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64), let t = try? JSONDecoder().decode(PageToken.self, from: data), t.o >= 0
        else { throw TableTalkError(.invalidPageToken, "the pageToken is not one this server issued") }
        guard t.h == hash(sql) else {
            throw TableTalkError(.invalidPageToken, "the pageToken belongs to a different query; send the same sql with it")
        }
        return t.o
    }

    /// FNV-1a 64 of the SQL with surrounding whitespace trimmed, in hex.
    static func hash(_ sql: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in sql.trimmingCharacters(in: .whitespacesAndNewlines).utf8 {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return String(h, radix: 16)
    }
}
