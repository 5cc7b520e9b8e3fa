/// Words that stand for common coded values: "girls" for F/Female, "men" for M/Male, and so on.
enum ValueSynonyms {
    private static let female = ["f", "female", "w", "woman", "women", "girl", "girls", "fem"]
    private static let male = ["m", "male", "man", "men", "boy", "boys"]
    private static let table: [String: [String]] = {
        var t: [String: [String]] = [:]
        for w in ["girl", "girls", "female", "females", "woman", "women", "lady", "ladies", "she", "her"] { t[w] = female }
        for w in ["boy", "boys", "male", "males", "man", "men", "gentleman", "gentlemen", "guys"] { t[w] = male }
        for w in ["us", "usa"] { t[w] = ["united states", "usa", "us", "united states of america"] }
        t["uk"] = ["united kingdom", "great britain", "uk"]
        t["uae"] = ["united arab emirates"]
        t["ussr"] = ["soviet union", "ussr"]
        return t
    }()

    /// Value keys the word may stand for, or nil.
    static func codes(for word: String) -> [String]? { table[word] }
}
