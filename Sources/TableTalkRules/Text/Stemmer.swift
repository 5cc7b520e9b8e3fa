/// A small, deterministic English stemmer for linking: plurals, "-ed", "-ing", "-est" and a final "e" are
/// removed so "scores", "scored", "scoring" and "score" share the key "scor".
///
/// It is deliberately cruder than Porter's: both sides of a comparison (question words and schema words) go
/// through it, so only consistency matters, and short words are left alone.
enum Stemmer {
    static func stem(_ word: String) -> String {
        if let known = irregular[word] { return known }
        guard word.count > 3, word.unicodeScalars.allSatisfy({ $0.value >= 97 && $0.value <= 122 }) else { return word }
        var w = Array(word.utf8)
        func ends(_ s: String) -> Bool {
            let u = Array(s.utf8)
            return w.count > u.count && Array(w.suffix(u.count)) == u
        }
        func drop(_ n: Int) { w.removeLast(n) }
        if ends("ies") && w.count > 4 {
            drop(3)
            w.append(UInt8(ascii: "y"))
        } else if ends("sses") {
            drop(2)
        } else if ends("xes") || ends("ches") || ends("shes") || ends("zes") {
            drop(2)
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") && !ends("ous") {
            drop(1)
        }
        if ends("ing") && w.count > 5 {
            drop(3)
            undouble(&w)
        } else if ends("ied") && w.count > 4 {
            drop(3)
            w.append(UInt8(ascii: "y"))
        } else if ends("ed") && w.count > 4 {
            drop(2)
            undouble(&w)
        } else if ends("iest") && w.count > 5 {
            drop(4)
            w.append(UInt8(ascii: "y"))
        } else if ends("est") && w.count > 5 {
            drop(3)
            undouble(&w)
        }
        if w.count > 3 && w.last == UInt8(ascii: "e") { w.removeLast() }
        if w.count > 3 && w.last == UInt8(ascii: "y") { w.removeLast() }  // windy → wind, rainy → rain
        return String(decoding: w, as: UTF8.self)
    }

    private static func undouble(_ w: inout [UInt8]) {
        if w.count > 2, w[w.count - 1] == w[w.count - 2], !"lsz".utf8.contains(w[w.count - 1]) { w.removeLast() }
    }

    /// Irregular plurals and forms the rules above get wrong (stemmer.json).
    private static let irregular: [String: String] = Lexicon.shared.stemmer.irregular
}
