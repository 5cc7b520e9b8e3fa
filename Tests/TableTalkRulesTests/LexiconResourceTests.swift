import Foundation
import Testing
import TableTalkCore
@testable import TableTalkRules

/// The word lists in Resources/lexicon: they parse, say what they are, and do not contradict each other.
@Suite struct LexiconResourceTests {
    let lexicon: Lexicon
    init() throws { lexicon = try Lexicon(directory: Lexicon.resourceDirectory) }

    @Test func everyFileParsesAndIsRead() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Lexicon.resourceDirectory.path)
        // no JSON file sits there unread, and every file the lexicon reads is shipped
        #expect(Set(files.filter { $0.hasSuffix(".json") }) == Set(Lexicon.fileNames.map { $0 + ".json" }))
        #expect(files.contains(EnglishWords.fileName))
        for name in Lexicon.fileNames {
            let data = try Data(contentsOf: Lexicon.resourceDirectory.appendingPathComponent(name + ".json"))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name)")
            let description = try #require(object["description"] as? String, "\(name) has no description")
            #expect(description.count > 60, "\(name): the description should say what the words mean")
        }
    }

    @Test(arguments: [
        ("superlatives", #""down": ["#, #""sideways": ["#, #"unknown class "sideways" (expected one of up, down)"#),
        ("aggregates", #""median", "typical""#, #""median", "typical", "mean""#, #""mean" is filed under both"#),
        ("dates", #""months": ["#, #""monthz": ["#, #"missing key "months""#),
        ("numbers", #""scales": ["#, #""scales": ["googol", "#, #""googol" is not a cardinal"#),
        ("synonyms", #""groups": ["#, #""groups": [[], "#, "groups[0] is empty"),
        ("adjectives", #""direction": "up""#, #""direction": 1"#, "at entries[0].readings[0].direction"),
    ])
    func aMalformedFileIsNamedWithTheReason(file: String, replace: String, with: String, reason: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Lexicon.resourceDirectory, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(file + ".json")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(replace))
        try text.replacingOccurrences(of: replace, with: with).write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try Lexicon(directory: dir) }
        do {
            _ = try Lexicon(directory: dir)
        } catch {
            #expect(error.file == file + ".json")
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    /// Every word list, by where it is.
    var lists: [(String, [String])] {
        let l = lexicon
        var all: [(String, [String])] = [
            ("stopwords", l.functionWords.stopwords), ("questionWords", l.functionWords.questionWords),
            ("countWords", l.functionWords.countWords), ("write verbs", l.writeRequests.verbs),
            ("write objects", l.writeRequests.objects), ("fillers", l.fillers.words), ("context verbs", l.contextVerbs.words),
            ("ambiguousMonths", l.dates.ambiguousMonths), ("relative", l.dates.relative), ("scales", l.numbers.scales),
            ("standalone", l.numbers.standalone), ("closing", l.numbers.closing),
            ("cardinals", Array(l.numbers.cardinals.keys)), ("ordinals", Array(l.numbers.ordinals.keys)),
            ("irregular forms", Array(l.stemmer.irregular.keys)), ("schemaOnly expansions", Array(l.synonyms.schemaOnly.listed.keys)),
        ]
        let classes: [(String, [String: [String]])] = [
            ("aggregates", l.aggregates.cues.listed), ("superlatives", l.superlatives.directions.listed),
            ("comparatives", l.comparatives.directions.listed), ("schemaOnly", l.synonyms.schemaOnly.listed),
            ("date units", l.dates.units.listed), ("bucketAdverbs", l.dates.bucketAdverbs.listed),
        ]
        for (name, listed) in classes { all += listed.map { ("\(name).\($0.key)", $0.value) } }
        all += l.synonyms.groups.map { ("synonyms \($0[0])", $0) } + l.units.groups.map { ("units \($0[0])", $0) }
        all += l.adjectives.entries.map { ("adjectives \($0.words[0])", $0.words) } + l.dates.months.map { ("months \($0[0])", $0) }
        all += l.valueSynonyms.codes.flatMap { [("codes \($0.words[0])", $0.words), ("values \($0.words[0])", $0.values)] }
        all += l.valueSynonyms.demonyms.map { ("demonyms \($0.country)", $0.words) }
        let p = l.phrasings
        all += [("spread", p.spread), ("versus", p.versus), ("yesNoOpeners", p.yesNoOpeners), ("each", p.each),
            ("rangeJoiners", p.rangeJoiners), ("totals", p.totals), ("rowWords", p.rowWords), ("kindNouns", p.kindNouns),
            ("noneValues", p.noneValues), ("positionWords", p.positionWords), ("orderVerbs", p.orderVerbs),
            ("rowNounLeaders", p.rowNounLeaders), ("determiners", p.determiners)]
        all += p.roles.map { ("roles.\($0.key)", $0.value) }
        all += l.builderWords.lists.map { ("builder-words.\($0.key)", $0.value.words) }
        return all
    }

    /// Words that are values rather than lists (they repeat: several forms share a stem or a concept).
    var values: [String] {
        Array(lexicon.stemmer.irregular.values) + lexicon.adjectives.entries.flatMap { $0.readings.map(\.concept) }
            + lexicon.valueSynonyms.demonyms.map(\.country)
    }

    /// Every list the builder reads by name is in builder-words.json, and every list there is read.
    @Test func builderWordListsAreAllThereAndUsed() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TableTalkRules/Lexicon/BuilderWords.swift"), encoding: .utf8)
        let declared = Set(source.matches(of: /static let (\w+) = (?:words|orderedWords)\("(\w+)"\)/).map { String($0.output.2) })
        #expect(declared == Set(lexicon.builderWords.lists.keys))
        #expect(!BuilderWords.negationLeading.isEmpty && !BuilderWords.missingWords.isEmpty)
    }

    @Test func wordsAreLowercaseTrimmedAndListedOnce() {
        let lists = lists
        #expect(lists.count > 150)
        for (name, words) in lists {
            #expect(!words.isEmpty, "\(name) is empty")
            #expect(Set(words).count == words.count, "\(name) repeats \(words.filter { w in words.filter { $0 == w }.count > 1 })")
            for w in words { #expect(isClean(w), "\(name): \"\(w)\"") }
        }
        for w in values { #expect(isClean(w), "\"\(w)\"") }
    }

    func isClean(_ w: String) -> Bool {
        !w.isEmpty && w == w.lowercased() && w == w.trimmingCharacters(in: .whitespacesAndNewlines) && !w.contains("  ")
    }

    /// Stopwords that are cues too keep both roles on purpose (function-words.json says which); any other
    /// overlap would be a word the parser both ignores and acts on.
    @Test func stopwordsOverlapCuesOnlyWhereDocumented() {
        let stop = Set(lexicon.functionWords.stopwords)
        #expect(stop.intersection(Vocabulary.aggregates.keys) == ["total"])
        #expect(stop.intersection(Vocabulary.superlatives.keys) == ["most", "least", "fewest"])
        #expect(stop.intersection(Vocabulary.comparatives.keys) == ["more", "less", "fewer"])
        #expect(stop.intersection(Vocabulary.countWords) == ["count", "number"])
        #expect(Vocabulary.questionWords.isSubset(of: stop))
        let description = lexicon.functionWords.description
        for w in ["total", "most", "least", "fewest", "more", "less", "fewer", "count", "number"] {
            #expect(description.contains("'\(w)'"), "function-words.json does not mention '\(w)'")
        }
    }

    @Test func cueWordsDoNotContradictEachOther() {
        // a word is a superlative or a comparative, never both
        #expect(Set(Vocabulary.superlatives.keys).isDisjoint(with: Vocabulary.comparatives.keys))
        // "maximum" asks for MAX and ranks upward; "min" asks for MIN and ranks downward
        let both = Set(Vocabulary.aggregates.keys).intersection(Vocabulary.superlatives.keys)
        #expect(both == ["max", "maximum", "min", "minimum"])
        for w in both {
            #expect(Vocabulary.superlatives[w] == (Vocabulary.aggregates[w] == .max ? .up : .down), "\(w)")
        }
        #expect(Vocabulary.aggregates["average"] == .avg && Vocabulary.aggregates["combin"] == .sum)
        #expect(Vocabulary.superlatives["top"] == .up && Vocabulary.comparatives["fewer"] == .down)
    }

    /// Grouped words are looked up by word (or stem): a word in two groups would read as whichever came last.
    @Test func noWordIsInTwoGroups() {
        func claimedTwice(_ groups: [[String]], key: (String) -> String = { $0 }) -> [String] {
            var owner: [String: Int] = [:]
            var twice: [String] = []
            for (i, g) in groups.enumerated() {
                for k in Set(g.map(key)) {
                    if let o = owner[k], o != i { twice.append(k) }
                    owner[k] = i
                }
            }
            return twice
        }
        #expect(claimedTwice(lexicon.synonyms.groups, key: Stemmer.stem) == [])
        #expect(claimedTwice(lexicon.units.groups) == [])
        #expect(claimedTwice(lexicon.adjectives.entries.map(\.words), key: Stemmer.stem) == [])
        #expect(claimedTwice(lexicon.valueSynonyms.codes.map(\.words) + [lexicon.valueSynonyms.demonyms.flatMap(\.words)]) == [])
        #expect(claimedTwice(lexicon.dates.months) == [])
        // "british" stands for two countries, as value-synonyms.json says; no other demonym does
        #expect(Set(claimedTwice(lexicon.valueSynonyms.demonyms.map(\.words))) == ["british", "briton", "britons"])
        // a demonym also reaches its country's codes ("british" → "uk", "american" → "usa")
        #expect(ValueSynonyms.codes(for: "british") == ["united kingdom", "great britain", "uk"])
        #expect(ValueSynonyms.codes(for: "american")?.contains("usa") == true)
        // a header abbreviation that is also in a group means the same in both
        for (abbreviation, expansion) in Synonyms.schemaOnly where Synonyms.concept(ofStem: Stemmer.stem(abbreviation)) != Stemmer.stem(abbreviation) {
            #expect(Synonyms.concept(ofStem: Stemmer.stem(abbreviation)) == Synonyms.concept(ofStem: Stemmer.stem(expansion)), "\(abbreviation)")
        }
        #expect(Synonyms.schemaConcept(ofWord: "qty") == Concept.key("quantity"))
        #expect(Synonyms.schemaConcept(ofWord: "no") == Concept.key("number") && Concept.key("no") == "no")
    }

    @Test func adjectivesPointAtTheirConcepts() {
        #expect(Adjectives.readings(ofStem: Stemmer.stem("hottest"))?.first.map { ($0.concept, $0.direction) } ?? ("", .down) == (Concept.key("temperature"), .up))
        #expect(Adjectives.readings(ofStem: Stemmer.stem("youngest"))?.map(\.direction) == [.down, .up])
        // every entry's words reach its readings
        for entry in lexicon.adjectives.entries {
            for w in entry.words {
                #expect(Adjectives.readings(ofStem: Stemmer.stem(w))?.map(\.direction) == entry.readings.map(\.direction), "\(w)")
            }
        }
    }

    @Test func datesAndNumbersAreConsistent() {
        #expect(DateWords.monthNames == ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"])
        #expect(DateWords.months["sept"] == 9 && DateWords.months["dec"] == 12)
        #expect(DateWords.ambiguousMonths.allSatisfy { DateWords.months[$0] != nil })
        #expect(!DateWords.isDateWord("may") && DateWords.isDateWord("june") && DateWords.isDateWord("quarterly"))
        for (w, bucket) in DateWords.bucketAdverbs { #expect(DateWords.units[w] == bucket, "\(w)") }
        #expect(DateWords.units["annually"] == .year && DateWords.relative.contains("trailing"))

        #expect(Set(NumberWords.ordinals.values) == Set(1...20).union([30]))
        #expect(NumberWords.scales.map { NumberWords.cardinals[$0] ?? 0 }.sorted() == [100, 1000, 1_000_000, 1_000_000_000])
        #expect(NumberWords.standalone.isSubset(of: NumberWords.closing))
        #expect(NumberWords.combine(["two", "hundred", "and", "five"], from: 0)?.value == 205)
        #expect(NumberWords.combine(["one", "twice"], from: 0)?.count == 1)
        #expect(NumberWords.combine(["zero", "one"], from: 0)?.count == 1)
        #expect(Stemmer.stem("women") == "woman" && Stemmer.stem("lost") == Stemmer.stem("losses"))
    }

    @Test func englishWordsTellWordsFromAbbreviations() throws {
        for w in ["amount", "weight", "savings", "brain", "rate", "personal", "quantity"] { #expect(EnglishWords.contains(w), "\(w)") }
        for w in ["psavert", "brainwt", "qty", "pce", "uempmed", "Amount", "savings's"] { #expect(!EnglishWords.contains(w), "\(w)") }
        #expect(EnglishWords.sorted.count > 50_000)
        #expect(zip(EnglishWords.sorted, EnglishWords.sorted.dropFirst()).allSatisfy { $0 < $1 })

        let savin = EnglishWords.words(withPrefix: "savin")
        #expect(savin.contains("saving") && savin.contains("savings") && savin.allSatisfy { $0.hasPrefix("savin") })
        #expect(savin.count == EnglishWords.sorted.filter { $0.hasPrefix("savin") }.count)
        #expect(EnglishWords.words(withPrefix: "quant").contains("quantity"))
        #expect(EnglishWords.words(withPrefix: "psav").isEmpty)
        #expect(EnglishWords.words(withPrefix: "zzzzzz").isEmpty)
        #expect(EnglishWords.words(withPrefix: "").count == EnglishWords.sorted.count)

        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: bad) }
        try "# comment\napple\nbanana\navocado\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try EnglishWords.load(from: bad) }
        do { _ = try EnglishWords.load(from: bad) } catch { #expect(error.reason.hasPrefix("line 4:")) }
    }
}
