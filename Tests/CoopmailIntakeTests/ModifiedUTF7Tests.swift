import Testing

@testable import CoopmailIntake

@Suite("UTF-7 modifié (noms de dossiers IMAP)")
struct ModifiedUTF7Tests {
    @Test(arguments: [
        ("Traités", "Trait&AOk-s"),
        ("INBOX", "INBOX"),
        ("A&B", "A&-B"),
        ("&", "&-"),
        ("Réclamations à traiter", "R&AOk-clamations &AOA- traiter"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("日本語", "&ZeVnLIqe-"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("😀", "&2D3eAA-"),
        ("", ""),
    ])
    func encodesAndDecodes(name: String, encoded: String) {
        #expect(ModifiedUTF7.encode(name) == encoded)
        #expect(ModifiedUTF7.decode(encoded) == name)
    }

    @Test func controlCharactersAreEncodedSoNoCommandInjection() {
        let encoded = ModifiedUTF7.encode("a\r\nB LOGOUT")
        #expect(!encoded.contains("\r") && !encoded.contains("\n"))
        #expect(ModifiedUTF7.decode(encoded) == "a\r\nB LOGOUT")
    }

    @Test func malformedIsNil() {
        #expect(ModifiedUTF7.decode("Trait&AOk") == nil)
        #expect(ModifiedUTF7.decode("a&*-") == nil)
        #expect(ModifiedUTF7.decode("é") == nil)
    }
}
