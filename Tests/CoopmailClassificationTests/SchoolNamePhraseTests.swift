import CoopmailDomain
import CoopmailTestSupport
import Testing

@testable import CoopmailClassification

/// A school's whole name written by an unregistered sender (« Je vous écris pour la coopérative École élémentaire Rue
/// Titon ») designates its cooperative; its distinctive words alone do not, and a name that is ambiguous in the
/// registry never decides.
@Suite("A school's whole name written in the mail")
struct SchoolNamePhraseTests {
    static func coop(_ n: Int, _ school: String, _ email: String) -> Cooperative? {
        CooperativeNumber(department: 75, number: n).map {
            Cooperative(
                number: $0, school: school, town: "Paris", mandataire: Mandataire(name: "M \(n)", emails: [email]),
                iban: nil)
        }
    }

    /// Two schools of one street, their distinctive words alike (« mare »), and a name held inside a longer one.
    static let registry: [Cooperative] = [
        coop(403, "École maternelle Rue de la Mare", "m403@ecole.test"),
        coop(998, "École élémentaire Rue de la Mare 32", "m998@ecole.test"),
        coop(510, "École élémentaire Rue Titon", "m510@ecole.test"),
        coop(511, "École élémentaire Rue Titon annexe", "m511@ecole.test"),
        coop(107, "École polyvalente Rue Vitruve", "m107@ecole.test"),
        coop(200, "Jules Ferry", "m200@ecole.test"),
    ].compactMap { $0 }

    static let lookups: [CooperativeMatcher.Lookup] = [.indexed, .plainScan]

    func question(_ school: String) -> String {
        "Bonjour,\nJe vous écris pour la coopérative \(school).\nQui doit signer le quitus ?\nMerci"
    }

    @Test("The whole name, in the body or the subject, finds the school", arguments: lookups)
    func wholeNameDecides(lookup: CooperativeMatcher.Lookup) {
        let matcher = CooperativeMatcher(registry: Self.registry, lookup: lookup)
        let cases: [(MatchInput, String)] = [
            (MatchInput(sender: "parent@free.test", body: question("École élémentaire Rue de la Mare 32")), "075-0998"),
            (MatchInput(sender: "parent@free.test", body: question("ÉCOLE MATERNELLE rue de la mare")), "075-0403"),
            (MatchInput(sender: "parent@free.test", subject: "Coopérative École polyvalente Rue Vitruve"), "075-0107"),
            (MatchInput(sender: "parent@free.test", body: question("École élémentaire Rue Titon annexe")), "075-0511"),
        ]
        for (input, expected) in cases {
            let m = matcher.match(input)
            #expect(m.cooperative?.description == expected, "\(input.subject) \(input.body) \(m.evidence)")
            #expect(m.evidence.contains { $0.hasPrefix("nom complet de l'école") }, "\(m.evidence)")
        }
    }

    @Test("Part of a name, a name held in a longer one, a bare surname: no decision", arguments: lookups)
    func ambiguousNamesAbstain(lookup: CooperativeMatcher.Lookup) {
        let matcher = CooperativeMatcher(registry: Self.registry, lookup: lookup)
        for school in [
            "l'école de la rue de la Mare",  // both schools of the street
            "École élémentaire Rue Titon",  // also the start of « … Rue Titon annexe »
            "École maternelle Rue Titon",  // not a registered name
            "école Jules Ferry",  // two words: a surname names many schools
            "École élémentaire de la Mare 32",  // a word missing
            "École élémentaire Rue Titon annexe 12",  // a number after the name: perhaps another school
        ] {
            let m = matcher.match(MatchInput(sender: "parent@free.test", body: question(school)))
            #expect(m.cooperative == nil, "\(school): \(m.evidence)")
        }
    }

    @Test("The name in quoted text or in a reply's inherited subject does not decide", arguments: lookups)
    func inheritedNamesDoNotDecide(lookup: CooperativeMatcher.Lookup) {
        let matcher = CooperativeMatcher(registry: Self.registry, lookup: lookup)
        let quoted = MatchInput(
            sender: "parent@free.test", subject: "Re: relance",
            body: "Je m'en occupe.\n\nLe 3 oct. 2021, OCCE a écrit :\n> Coopérative École polyvalente Rue Vitruve")
        let reply = MatchInput(sender: "parent@free.test", subject: "RE: Coopérative École polyvalente Rue Vitruve")
        for input in [quoted, reply] {
            let m = matcher.match(input)
            #expect(m.cooperative == nil, "\(m.evidence)")
        }
    }

    @Test("A sender registered for another school and a whole name conflict: no decision", arguments: lookups)
    func senderOfAnotherSchoolConflicts(lookup: CooperativeMatcher.Lookup) {
        let matcher = CooperativeMatcher(registry: Self.registry, lookup: lookup)
        let m = matcher.match(MatchInput(sender: "m403@ecole.test", body: question("École polyvalente Rue Vitruve")))
        #expect(m.cooperative == nil, "\(m.evidence)")
        #expect(m.evidence.contains { $0.hasPrefix("signaux contradictoires") }, "\(m.evidence)")
        // The sender's own school named: one cooperative, both signals.
        let own = matcher.match(MatchInput(sender: "m107@ecole.test", body: question("École polyvalente Rue Vitruve")))
        #expect(own.cooperative?.description == "075-0107", "\(own.evidence)")
    }

    /// Seeded registries of schools whose names share types and streets (several schools a street, numbers, annexes),
    /// every registered name written out in a mail: the match is that school or none, never another one; a name that
    /// is not registered and does not begin with a registered one (another type on a registered street, another
    /// number) never matches.
    @Test("Seeded registries of look-alike names: the written school or none", arguments: [1, 2, 3])
    func lookAlikeRegistries(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let types = ["École élémentaire", "École maternelle", "École polyvalente", "Groupe scolaire", "École"]
        let streets = [
            "Rue Titon", "Rue de la Mare", "Rue Vitruve", "Avenue Gambetta", "Rue des Pyrénées", "Place Voltaire",
        ]
        var names = Set<String>()
        var registry: [Cooperative] = []
        var unregistered: [String] = []
        for street in streets {
            for type in types {
                let variants = [
                    "\(type) \(street)", "\(type) \(street) \(Int.random(in: 2...80, using: &rng))",
                    "\(type) \(street) annexe",
                ]
                for name in variants {
                    if Bool.random(using: &rng), names.insert(name).inserted,
                        let c = Self.coop(registry.count + 1, name, "m\(registry.count + 1)@ecole.test")
                    {
                        registry.append(c)
                    } else if !names.contains(name) {
                        unregistered.append(name)
                    }
                }
            }
        }
        for lookup in Self.lookups {
            let matcher = CooperativeMatcher(registry: registry, lookup: lookup)
            var decided = 0
            for coop in registry {
                let m = matcher.match(MatchInput(sender: "parent@free.test", body: question(coop.school)))
                if let found = m.cooperative {
                    #expect(found == coop.number, "\(coop.school) → \(found) \(m.evidence)")
                    decided += 1
                }
            }
            // Names held in no longer registered name decide: at least those.
            #expect(decided > 0)
            for name in unregistered where !registry.contains(where: { name.hasPrefix($0.school + " ") }) {
                let m = matcher.match(MatchInput(sender: "parent@free.test", body: question(name)))
                #expect(m.cooperative == nil, "\(name) → \(String(describing: m.cooperative)) \(m.evidence)")
            }
        }
    }
}
