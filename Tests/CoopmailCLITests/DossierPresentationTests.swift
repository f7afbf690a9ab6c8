import Foundation
import Testing

/// `export --format json` and `show --json` present a dossier with one type: the export's fields of a dossier (and of
/// its documents) are in `show --json` with the same names and the same values.
@Suite(.serialized) struct DossierPresentationTests {
    static func object(_ run: Run) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            "\(run.stdout) \(run.stderr)")
    }

    /// The JSON text of a value, keys sorted, to compare any two values.
    static func canonical(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        guard JSONSerialization.isValidJSONObject([value]),
            let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
        else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every field of `exported` is in `shown` with the same value (a `null` of the export may be absent in `show`,
    /// which leaves out what it does not know); objects are compared field by field.
    static func sameFields(_ exported: [String: Any], _ shown: [String: Any], _ path: String) -> [String] {
        var differences: [String] = []
        for (key, value) in exported {
            if let inner = value as? [String: Any], let other = shown[key] as? [String: Any] {
                differences += sameFields(inner, other, path + "." + key)
            } else if !(value is NSNull && shown[key] == nil), canonical(value) != canonical(shown[key]) {
                differences.append("\(path).\(key): export \(canonical(value)), show \(canonical(shown[key]))")
            }
        }
        return differences
    }

    @Test func exportAndShowCarryTheSameValuesForTheSharedFields() throws {
        let cli = try season()
        let export = try Self.object(try cli.run(["export", "--format", "json", "--exercise", "2020-2021"]))
        let dossiers = try #require(export["dossiers"] as? [[String: Any]])
        let submissions = try #require(export["submissions"] as? [[String: Any]])
        #expect(Set(dossiers.compactMap { $0["cooperative"] as? String }) == ["075-0123", "075-0124", "075-0125"])
        var checked = 0
        for dossier in dossiers {
            let coop = try #require(dossier["cooperative"] as? String)
            #expect(Set(dossier.keys) == ["cooperative", "status", "checks"], "the export keeps the contract's shape")
            let show = try Self.object(try cli.run(["show", coop, "--json", "--exercise", "2020-2021"]))
            #expect(Self.sameFields(dossier, show, coop) == [])
            #expect((dossier["checks"] as? [Any])?.isEmpty == false, "\(coop) has checks to compare")
            // The dossier's documents, as the export lists them under its submissions.
            let shownDocuments = (show["documents"] as? [[String: Any]]) ?? []
            for document in submissions.filter({ $0["cooperative"] as? String == coop }).flatMap({
                ($0["documents"] as? [[String: Any]]) ?? []
            }) {
                let id = try #require(document["id"] as? Int)
                let shown = try #require(shownDocuments.first { $0["id"] as? Int == id }, "document \(id) in show")
                #expect(Self.sameFields(document, shown, "\(coop) document \(id)") == [])
                checked += 1
            }
        }
        #expect(checked >= 5, "the season's quitus and statements were compared")
        // The queue (`review --json`) names a dossier's cooperative and status as the export does.
        let queue = try Self.object(try cli.run(["review", "--json", "--tous", "--exercise", "2020-2021"]))
        let lines = try #require(queue["dossiers"] as? [[String: Any]])
        #expect(lines.count == dossiers.count)
        for line in lines {
            let exported = dossiers.first { $0["cooperative"] as? String == line["cooperative"] as? String }
            #expect(exported != nil && Self.canonical(exported?["status"]) == Self.canonical(line["status"]), "\(line)")
        }
    }
}
