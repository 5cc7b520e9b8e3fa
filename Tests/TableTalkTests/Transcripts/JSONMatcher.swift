import TableTalkProtocol

/// Matches a received JSON value against an expected one from a transcript.
///
/// Objects match when every expected key matches (extra keys are allowed: servers may add fields);
/// arrays match element by element with the same length; placeholders: `"$any"`, `"$string"`, `"$number"`,
/// `"$array"`, `"$object"`, `{"$contains": [...]}` (an array holding a match for each listed element), and
/// `"$capture:NAME"` (matches anything and remembers it for `"$ref:NAME"` in later sends).
enum JSONMatcher {
    static func matches(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        var ignored: [String: JSONValue] = [:]
        return matches(actual, expected, captures: &ignored)
    }

    static func matches(_ actual: JSONValue, _ expected: JSONValue, captures: inout [String: JSONValue]) -> Bool {
        switch expected {
        case .string(let s) where s.hasPrefix("$capture:"):
            captures[String(s.dropFirst("$capture:".count))] = actual
            return true
        case .string(let s) where s.hasPrefix("$"):
            switch s {
            case "$any": return true
            case "$string": if case .string = actual { return true } else { return false }
            case "$number": return actual.doubleValue != nil
            case "$array": if case .array = actual { return true } else { return false }
            case "$object": if case .object = actual { return true } else { return false }
            default: return actual == expected
            }
        case .object(let exp):
            if let contains = exp["$contains"]?.arrayValue {
                guard let items = actual.arrayValue else { return false }
                return contains.allSatisfy { want in items.contains { matches($0, want, captures: &captures) } }
            }
            guard case .object(let act) = actual else { return false }
            return exp.allSatisfy { key, value in act[key].map { matches($0, value, captures: &captures) } ?? false }
        case .array(let exp):
            guard case .array(let act) = actual, act.count == exp.count else { return false }
            return zip(act, exp).allSatisfy { matches($0, $1, captures: &captures) }
        case .int, .double:
            return actual.doubleValue == expected.doubleValue
        default:
            return actual == expected
        }
    }
}
