import CoopmailDomain
import Foundation

/// The cooperatives the fixtures belong to, as registered: `Fixtures/documents/registry.csv` in the contract's format
/// (`numero;ecole;commune;mandataire;email;iban`), and the dense registry a large association has.
public enum FixtureRegistry {
    /// The fixture registry's cooperatives, in file order.
    public static func cooperatives() throws -> [Cooperative] {
        let url = Repository.url("Fixtures/documents/registry.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let n = CooperativeNumber(parsing: f[0]) else { return nil }
            return Cooperative(
                number: n, school: f[1], town: f[2],
                mandataire: Mandataire(name: f[3], emails: f[4].split(separator: "|").map { $0.lowercased() }),
                iban: IBAN.normalized(f[5]))
        }
    }

    /// 075-0001 … 075-0999: the fixture registry's cooperatives with their real names, addresses and IBANs, and
    /// every other number of the département registered too, so that any stray number names a cooperative.
    public static func dense() throws -> [Cooperative] {
        let real = Dictionary(uniqueKeysWithValues: try cooperatives().map { ($0.number, $0) })
        return (1...999).compactMap { n in
            guard let number = CooperativeNumber(department: 75, number: n) else { return nil }
            return real[number]
                ?? Cooperative(
                    number: number, school: "École \(n)", town: "Paris",
                    mandataire: Mandataire(name: "M \(n)", emails: ["m\(n)@ecole.test"]), iban: nil)
        }
    }
}
