/// What may follow the one statement of a query: whitespace, `;`, `-- line` and `/* block */` comments.
enum SQLTail {
    static func isEmpty(_ tail: String) -> Bool {
        let s = Array(tail.utf8)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x3B {
                i += 1
            } else if c == 0x2D && i + 1 < s.count && s[i + 1] == 0x2D {
                while i < s.count && s[i] != 0x0A { i += 1 }
            } else if c == 0x2F && i + 1 < s.count && s[i + 1] == 0x2A {
                i += 2
                while i + 1 < s.count && !(s[i] == 0x2A && s[i + 1] == 0x2F) { i += 1 }
                i += 2
            } else {
                return false
            }
        }
        return true
    }
}
