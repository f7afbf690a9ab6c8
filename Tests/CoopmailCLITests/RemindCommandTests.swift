import Foundation
import Testing

@Suite(.serialized) struct RemindCommandTests {
    @Test func dryRunListsInTheContractsShapeThenRemindQueuesOnce() throws {
        let cli = try season()
        let dry = try cli.run(["remind", "--dry-run", "--json", "--exercice", "2020-2021"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [[String: Any]])
        #expect(
            list.map { "\($0["cooperative"] ?? "") \($0["reason"] ?? "") \($0["email"] ?? "")" }
                == ["075-0125 incomplete zoe@ecole.test", "075-0200 nothing_received lea@ecole.test"], "\(dry.stdout)")
        let table = try cli.run(["remind", "--dry-run", "--exercice", "2020-2021"])
        #expect(
            table.stdout.contains("075-0125") && table.stdout.contains("dossier incomplet (manque : relevé de compte)"),
            "\(table.stdout)")

        let queued = try cli.run(["remind", "--exercice", "2020-2021", "--par", "Claire"])
        #expect(queued.status == 0, "\(queued.stderr)")
        #expect(queued.stdout.contains("Relances : 2 mises en attente d'envoi"), "\(queued.stdout)")
        let again = try cli.run(["remind", "--dry-run", "--json", "--exercice", "2020-2021"])
        #expect(
            again.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || again.stdout.contains("[]"),
            "\(again.stdout)")
        #expect(try cli.run(["history", "075-0125"]).stdout.contains("relance"), "recorded in the history")
    }
}
