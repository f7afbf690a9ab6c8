import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// `show pièce:N` / `show message:N`: the dossier a document or a message belongs to, found by App.
@Suite struct DossierTargetTests {
    /// Two distinct cooperative numbers drawn from the seed.
    func numbers(_ seed: UInt64) -> (String, String) {
        var g = SeededGenerator(seed: seed)
        let a = Int.random(in: 1...4999, using: &g)
        let b = a + Int.random(in: 1...4999, using: &g)
        return (String(format: "075-%04d", a), String(format: "075-%04d", b))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aDocumentBelongsToItsOwnCooperativeElseToItsMails(seed: UInt64) throws {
        let f = try Fixture()
        let (a, b) = numbers(seed)
        let m = try f.message(coop: a)
        let own = try f.document(message: m, kind: .bankStatement, content: "relevé \(seed)", coop: b)
        let inherited = try f.document(message: m, kind: .quitus, content: "quitus \(seed)")
        let (c1, e1) = try DossierTarget.ofDocument(own, store: f.store)
        #expect(c1.description == b)
        #expect(e1 == exercise)
        #expect(try DossierTarget.ofDocument(inherited, store: f.store).0.description == a)
        // Through the resolver, as `show` gives it.
        #expect(try DossierTarget.resolve("pièce:\(own)", resolver: TargetResolver(store: f.store)).0.description == b)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func aMessageWithoutCooperativeBelongsToTheFirstOfItsDocumentsThatHasOne(seed: UInt64) throws {
        let f = try Fixture()
        let (a, b) = numbers(seed)
        let m = try f.message(coop: nil)
        try f.document(message: m, kind: .other, content: "sans \(seed)")
        try f.document(message: m, kind: .quitus, content: "quitus \(seed)", coop: a)
        try f.document(message: m, kind: .bankStatement, content: "relevé \(seed)", coop: b)
        let (c, e) = try DossierTarget.ofMessage(m, store: f.store)
        #expect(c.description == a)
        #expect(e == exercise)
        let attached = try f.message(coop: b)
        #expect(try DossierTarget.ofMessage(attached, store: f.store).0.description == b)
    }

    @Test func whatBelongsToNoCooperativeOrIsNotThereSaysSoInFrench() throws {
        let f = try Fixture()
        let m = try f.message(coop: nil)
        let d = try f.document(message: m, kind: .other, content: "orpheline")
        #expect { try DossierTarget.ofDocument(d, store: f.store) } throws: { e in
            "\(e)".contains("n'est rattachée à aucune coopérative") && "\(e)".contains("coopmail reassign \(d)")
        }
        #expect { try DossierTarget.ofDocument(d + 100, store: f.store) } throws: { e in
            guard case DossierError.unknownDocument(let text) = e else { return false }
            return text == String(d + 100)
        }
        #expect { try DossierTarget.ofMessage(m + 100, store: f.store) } throws: { e in
            ErrorMessage.french(e) == "message n° \(m + 100) introuvable."
        }
        try f.store.db.write { db in
            try db.execute(sql: "UPDATE message SET status = ? WHERE id = ?", arguments: [MessageStatus.setAside, m])
        }
        #expect { try DossierTarget.ofMessage(m, store: f.store) } throws: { e in
            "\(e)".contains("en échec, mis de côté") && "\(e)".contains("coopmail reessayer \(m)")
        }
    }
}
