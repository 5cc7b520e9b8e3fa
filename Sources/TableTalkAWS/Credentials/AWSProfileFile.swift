import Foundation

/// An AWS shared credentials or config file (INI): `[section]` headers, `key = value` lines, `#`/`;` comments.
/// In the config file profiles are `[profile name]` (and `[default]`); in the credentials file just `[name]`.
public struct AWSProfileFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case credentials, config }

    /// Settings by profile name, keys lower-cased.
    public private(set) var profiles: [String: [String: String]] = [:]

    public init(text: String, kind: Kind) {
        var current: String?
        var inNestedBlock = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let isIndented = rawLine.first.map { $0 == " " || $0 == "\t" } ?? false
            let line = rawLine.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                inNestedBlock = false
                current = line.hasSuffix("]") ? Self.profileName(String(line.dropFirst().dropLast()), kind: kind) : nil
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            if isIndented && inNestedBlock { continue }  // a sub-setting such as `s3 =\n  max_concurrent_requests = 2`
            let key = line[..<equals].trimmingWhitespace.lowercased()
            let value = Self.strippingInlineComment(line[line.index(after: equals)...].trimmingWhitespace)
            inNestedBlock = value.isEmpty
            if !value.isEmpty { profiles[current]?[key] = value }
        }
    }

    /// The settings of profile `name`, if the file has it.
    public func profile(_ name: String) -> [String: String]? { profiles[name] }

    static func profileName(_ header: String, kind: Kind) -> String? {
        let name = header.trimmingWhitespace
        switch kind {
        case .credentials:
            return name.isEmpty ? nil : name
        case .config:
            if name == "default" { return name }
            guard name.hasPrefix("profile ") || name.hasPrefix("profile\t") else { return nil }  // sso-session, services…
            let profile = name.dropFirst("profile".count).trimmingWhitespace
            return profile.isEmpty ? nil : profile
        }
    }

    /// `value ; comment` and `value # comment` (a comment needs whitespace before it).
    static func strippingInlineComment(_ value: String) -> String {
        for marker in [" #", "\t#", " ;", "\t;"] {
            if let range = value.range(of: marker) { return String(value[..<range.lowerBound]).trimmingWhitespace }
        }
        return value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (and a stray `\r`).
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
