import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation
import Testing

@Suite struct TargetResolverTests {
    func registry() throws -> Fixture {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.register("075-0132", school: "École Voltaire")
        try f.register("075-0456", school: "École des Batignolles")
        return f
    }

    @Test func acceptsTheWrittenFormsOfANumberAndASchoolName() throws {
        let f = try registry()
        let r = TargetResolver(store: f.store)
        for text in ["075-0123", "75-123", "123", "coop 123", "n° 0123"] {
            #expect(try r.cooperative(text).description == "075-0123", "\(text)")
        }
        #expect(try r.cooperative("batignolles").description == "075-0456")
    }

    @Test func anUnknownNumberSuggestsTheClosestRegisteredOnes() throws {
        let f = try registry()
        let r = TargetResolver(store: f.store)
        #expect { try r.cooperative("075-0124") } throws: { e in
            guard case DossierError.unknownCooperative(_, let s) = e else { return false }
            let numbers = s.compactMap { c -> String? in
                guard case .school(let n, _) = c else { return nil }
                return n.description
            }
            return numbers.first == "075-0123" && !numbers.contains("075-0456") && numbers.count == s.count
        }
        #expect { try r.cooperative("voltare") } throws: { e in
            guard case DossierError.unknownCooperative(_, let s) = e else { return false }
            return s == [.school(CooperativeNumber(parsing: "075-0132")!, school: "École Voltaire")]
        }
    }

    @Test func documentsByIdOrSHAPrefixAndAmbiguousIdsListCandidates() throws {
        let f = try registry()
        let m = try f.message(coop: "075-0123")
        let d = try f.document(message: m, kind: .quitus, content: "quitus")
        let sha = try #require(try f.store.db.read { try DocumentRecord.fetchOne($0, key: d) }?.sha256)
        let r = TargetResolver(store: f.store)
        #expect(try r.document(String(d)).id == d)
        #expect(try r.document(String(sha.prefix(8))).id == d)
        #expect(throws: DossierError.self) { try r.document("zzzzzz") }
        // A bare number that is both a message, a document and a cooperative: candidates are listed.
        let m2 = try f.message(coop: "075-0123")
        #expect(m2 == 2)
        let d2 = try f.document(message: m2, kind: .other, content: "autre")
        #expect(d2 == 2)
        try f.register("075-0002", school: "École Deux")
        #expect { try r.target("2") } throws: { e in
            guard case DossierError.ambiguous(_, let candidates) = e else { return false }
            return candidates.count == 3
                && candidates.contains { if case .document(2, _) = $0 { true } else { false } }
                && candidates.contains { if case .message(2, _) = $0 { true } else { false } }
                && candidates.contains(.cooperative(CooperativeNumber(parsing: "075-0002")!))
        }
        #expect(try r.target("pièce:2") == .document(2))
        #expect(try r.target("message:2") == .message(2))
        #expect(try r.target("075-0002") == .cooperative(CooperativeNumber(parsing: "075-0002")!))
    }
}
