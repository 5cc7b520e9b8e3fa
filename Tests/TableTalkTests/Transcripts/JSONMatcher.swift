import TableTalkProtocol

/// Matches a received JSON value against an expected one from a transcript.
///
/// Objects match when every expected key matches (extra keys are allowed: servers may add fields);
/// arrays match element by element with the same length; placeholders: `"$any"`, `"$string"`, `"$number"`,
/// `"$array"`, `"$object"`, and `{"$contains": [...]}` (an array holding a match for each listed element).
enum JSONMatcher {
    static func matches(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        switch expected {
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
                return contains.allSatisfy { want in items.contains { matches($0, want) } }
            }
            guard case .object(let act) = actual else { return false }
            return exp.allSatisfy { key, value in act[key].map { matches($0, value) } ?? false }
        case .array(let exp):
            guard case .array(let act) = actual, act.count == exp.count else { return false }
            return zip(act, exp).allSatisfy { matches($0, $1) }
        case .int, .double:
            return actual.doubleValue == expected.doubleValue
        default:
            return actual == expected
        }
    }
}
