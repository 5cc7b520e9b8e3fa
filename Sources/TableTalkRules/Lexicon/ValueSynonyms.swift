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
        for (country, words) in demonyms {
            for w in words { t[w, default: []].append(country) }
        }
        return t
    }()

    /// People and adjectives of countries ("germans" → Germany), so "how many germans" can find a nationality.
    private static let demonyms: [(String, [String])] = [
        ("germany", ["german", "germans"]), ("france", ["french", "frenchman", "frenchmen"]),
        ("spain", ["spanish", "spaniard", "spaniards"]), ("italy", ["italian", "italians"]),
        ("united kingdom", ["british", "briton", "britons"]), ("great britain", ["british", "briton", "britons"]),
        ("england", ["english"]), ("scotland", ["scottish", "scots"]), ("wales", ["welsh"]), ("ireland", ["irish"]),
        ("united states", ["american", "americans"]), ("canada", ["canadian", "canadians"]), ("mexico", ["mexican", "mexicans"]),
        ("brazil", ["brazilian", "brazilians"]), ("argentina", ["argentine", "argentinian", "argentinians", "argentines"]),
        ("china", ["chinese"]), ("japan", ["japanese"]), ("south korea", ["korean", "koreans"]), ("india", ["indian", "indians"]),
        ("russia", ["russian", "russians"]), ("australia", ["australian", "australians"]), ("netherlands", ["dutch"]),
        ("belgium", ["belgian", "belgians"]), ("switzerland", ["swiss"]), ("sweden", ["swedish", "swedes"]),
        ("norway", ["norwegian", "norwegians"]), ("denmark", ["danish", "danes"]), ("finland", ["finnish", "finns"]),
        ("poland", ["polish", "poles"]), ("czech republic", ["czech", "czechs"]), ("austria", ["austrian", "austrians"]),
        ("hungary", ["hungarian", "hungarians"]), ("greece", ["greek", "greeks"]), ("turkey", ["turkish", "turks"]),
        ("portugal", ["portuguese"]), ("kenya", ["kenyan", "kenyans"]), ("ethiopia", ["ethiopian", "ethiopians"]),
        ("nigeria", ["nigerian", "nigerians"]), ("egypt", ["egyptian", "egyptians"]), ("new zealand", ["new zealander", "new zealanders", "kiwis"]),
        ("jamaica", ["jamaican", "jamaicans"]), ("cuba", ["cuban", "cubans"]), ("ukraine", ["ukrainian", "ukrainians"]),
        ("romania", ["romanian", "romanians"]), ("bulgaria", ["bulgarian", "bulgarians"]), ("serbia", ["serbian", "serbians", "serbs"]),
        ("croatia", ["croatian", "croatians", "croats"]), ("slovakia", ["slovak", "slovaks", "slovakian"]),
        ("slovenia", ["slovenian", "slovenians"]), ("estonia", ["estonian", "estonians"]), ("latvia", ["latvian", "latvians"]),
        ("lithuania", ["lithuanian", "lithuanians"]), ("belarus", ["belarusian", "belarusians"]), ("israel", ["israeli", "israelis"]),
        ("iran", ["iranian", "iranians"]), ("iraq", ["iraqi", "iraqis"]), ("pakistan", ["pakistani", "pakistanis"]),
        ("thailand", ["thai"]), ("vietnam", ["vietnamese"]), ("philippines", ["filipino", "filipinos"]),
        ("indonesia", ["indonesian", "indonesians"]), ("malaysia", ["malaysian", "malaysians"]), ("chile", ["chilean", "chileans"]),
        ("colombia", ["colombian", "colombians"]), ("peru", ["peruvian", "peruvians"]), ("venezuela", ["venezuelan", "venezuelans"]),
        ("morocco", ["moroccan", "moroccans"]), ("algeria", ["algerian", "algerians"]), ("tunisia", ["tunisian", "tunisians"]),
        ("ghana", ["ghanaian", "ghanaians"]), ("south africa", ["south african", "south africans"]), ("iceland", ["icelandic", "icelanders"]),
    ]

    /// Value keys the word may stand for, or nil.
    static func codes(for word: String) -> [String]? { table[word] }
}
