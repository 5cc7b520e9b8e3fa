/// Words that name the same thing in a schema or a question ("revenue"/"sales", "staff"/"employees",
/// "airline"/"carrier"), and abbreviations seen in column headers ("qty", "dept", "#", "no.").
///
/// Both question words and schema words are reduced to a *concept key*: the stem of the group's first word.
enum Synonyms {
    /// Groups of interchangeable words; the first is the concept key.
    static let groups: [[String]] = [
        ["revenue", "sales", "turnover"],
        ["maximum", "max", "high"],
        ["minimum", "min", "low"],
        ["employee", "staff", "worker", "personnel", "headcount"],
        ["airline", "carrier"],
        ["quantity", "qty", "units", "unit"],
        ["department", "dept"],
        ["customer", "client"],
        ["percent", "percentage", "pct", "percentages"],
        ["average", "avg", "mean"],
        ["temperature", "temp", "temperatures"],
        ["precipitation", "precip", "rainfall"],
        ["population", "pop", "inhabitants", "residents", "people"],
        ["country", "nation", "nationality", "countries", "nations"],
        ["gender", "sex"],
        ["city", "town"],
        ["film", "movie"],
        ["song", "single", "track"],
        ["game", "match"],
        ["team", "club", "squad"],
        ["player", "athlete"],
        ["date", "day"],
        ["year", "yr", "years"],
        ["price", "cost"],
        ["attendance", "crowd", "spectators"],
        ["rank", "ranking", "position", "place", "pos", "placing", "standing"],
        ["winner", "won", "win", "champion", "champions", "victor", "championship", "championships"],
        ["opponent", "opposition", "versus", "vs", "opponents"],
        ["director", "directed", "directs"],
        ["writer", "author", "written", "wrote", "write", "writers"],
        ["producer", "produced"],
        ["composer", "composed"],
        ["coach", "coached", "manager"],
        ["builder", "built"],
        ["designer", "designed"],
        ["publisher", "published"],
        ["owner", "owned"],
        ["founder", "founded", "established", "formed"],
        ["episode", "ep"],
        ["location", "venue", "site", "stadium", "ground"],
        ["number", "num", "nr"],
        ["point", "pts", "pt"],
        ["goal", "goals"],
        ["apps", "appearance", "appearances", "caps", "cap"],
        ["total", "tot"],
        ["description", "desc"],
        ["identifier", "id"],
        ["amount", "amt"],
        ["weight", "wt"],
        ["height", "ht"],
        ["manufacturer", "make", "maker", "brand"],
        ["elevation", "altitude"],
        ["capacity", "seats"],
        ["duration", "runtime", "length"],
        ["kilometer", "km", "kilometre"],
        ["mile", "mi"],
        ["birth", "born", "birthday", "dob"],
        ["death", "died", "dead", "dod"],
        ["release", "released"],
        ["enrollment", "enrolment", "enrolled"],
        ["note", "notes", "comment", "remarks"],
        ["result", "outcome"],
        ["margin", "difference"],
        ["votes", "vote", "ballots"],
        ["wind", "winds"],
        ["speed", "velocity"],
        ["distance", "dist"],
        ["province", "state", "region"],
        ["age", "aged"],
    ]

    /// Header abbreviations that only make sense in column names ("No." is "number" in a header, but "no" in a
    /// question is a negation).
    static let schemaOnly: [String: String] = [
        "no": "number", "nbr": "number", "cnt": "count", "yrs": "year", "att": "attendance", "gp": "game",
        "w": "win", "l": "los", "d": "draw", "gf": "goal", "ga": "against", "pld": "played", "pos": "rank",
        "mgr": "coach", "hq": "headquarters",
    ]

    private static let table: [String: String] = {
        var map: [String: String] = [:]
        for group in groups {
            let head = Stemmer.stem(group[0])
            for w in group { map[Stemmer.stem(w)] = head }
        }
        return map
    }()

    /// The concept key of a question word's stem.
    static func concept(ofStem stem: String) -> String { table[stem] ?? stem }

    /// The concept key of a schema word (column name or label part).
    static func schemaConcept(ofWord word: String) -> String {
        if let expanded = schemaOnly[word] { return concept(ofStem: Stemmer.stem(expanded)) }
        return concept(ofStem: Stemmer.stem(word))
    }
}
