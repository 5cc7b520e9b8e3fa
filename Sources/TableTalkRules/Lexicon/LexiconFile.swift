/// The shape every lexicon file shares: a "description" of what its words mean to the parser, and checks that
/// JSON decoding alone cannot make.
protocol LexiconFile: Decodable, Sendable {
    var description: String { get }
    /// What is wrong with the decoded file, in words; empty when it is usable.
    var problems: [String] { get }
}

extension LexiconFile {
    var problems: [String] { [] }

    /// "groups[3] is empty" for each empty group, so `group[0]` is safe wherever a group's head is its key.
    func emptyGroups(_ groups: [[String]], _ key: String) -> [String] {
        groups.indices.filter { groups[$0].isEmpty }.map { "\(key)[\($0)] is empty" }
    }
}

/// A name that words can be filed under in a lexicon file (`{"up": ["most", "top"]}`): an enum case's name,
/// or any string.
protocol LexiconClass: Sendable {
    init?(lexiconName: String)
    /// The names allowed, or nil for any.
    static var lexiconNames: [String]? { get }
}

extension LexiconClass where Self: RawRepresentable<String> & CaseIterable {
    init?(lexiconName: String) { self.init(rawValue: lexiconName) }
    static var lexiconNames: [String]? { allCases.map(\.rawValue) }
}

extension String: LexiconClass {
    init?(lexiconName: String) { self = lexiconName }
    static var lexiconNames: [String]? { nil }
}

/// Words filed under classes, read from `{"class": ["word", ...]}` and looked up word → class. A word under two
/// classes, or a class name that is not allowed, is an error: the lookup would depend on file order.
struct WordClasses<Class: LexiconClass>: Decodable, Sendable {
    /// Each word and its class.
    var byWord: [String: Class]
    /// The words as listed, under their class names (for checks).
    var listed: [String: [String]]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        listed = try container.decode([String: [String]].self)
        byWord = [:]
        var classOf: [String: String] = [:]
        for (name, words) in listed.sorted(by: { $0.key < $1.key }) {
            guard let value = Class(lexiconName: name) else {
                let allowed = Class.lexiconNames.map { " (expected one of " + $0.joined(separator: ", ") + ")" } ?? ""
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown class \"\(name)\"\(allowed)")
            }
            for word in words {
                if let other = classOf[word] {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "\"\(word)\" is filed under both \"\(other)\" and \"\(name)\"")
                }
                classOf[word] = name
                byWord[word] = value
            }
        }
    }
}
