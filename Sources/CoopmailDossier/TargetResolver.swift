import CoopmailDomain
import CoopmailStore
import CoopmailText
import Foundation

/// What a staff argument designates.
public enum Target: Hashable, Sendable {
    case cooperative(CooperativeNumber)
    case document(Int64)
    case message(Int64)
}

/// Turns what staff type (`075-0123`, `75-123`, `123`, a school name, a document id, a SHA-256 prefix, `message:12`)
/// into a cooperative, a document or a message, with errors that carry suggestions for an unknown cooperative,
/// candidates for an ambiguous id.
public struct TargetResolver: Sendable {
    public let store: Store
    public let defaultDepartment: Int

    public init(store: Store, defaultDepartment: Int = 75) {
        self.store = store
        self.defaultDepartment = defaultDepartment
    }

    /// A cooperative known to coopmail (registered, or with a submission). Unknown: suggestions of the closest ones.
    public func cooperative(_ text: String) throws -> CooperativeNumber {
        let t = text.trimmingCharacters(in: .whitespaces)
        let stripped = Self.strip(t)
        if let n = CooperativeNumber(parsing: stripped, defaultDepartment: defaultDepartment), try isKnown(n) {
            return n
        }
        let coops = try registry()
        // A school name that designates exactly one registered cooperative.
        let folded = Folding.schoolName.fold(t)
        if CooperativeNumber(parsing: stripped, defaultDepartment: defaultDepartment) == nil, folded.count >= 3 {
            let hits = coops.filter { Folding.schoolName.fold($0.school).contains(folded) }
            if hits.count == 1 { return hits[0].number }
            if hits.count > 1 {
                throw DossierError.ambiguous(
                    t, candidates: hits.prefix(8).map { .school($0.number, school: $0.school) })
            }
        }
        throw DossierError.unknownCooperative(
            t, suggestions: suggestions(for: t, among: coops).map { .school($0.number, school: $0.school) })
    }

    /// The registered cooperatives closest to `text`: by the digits of the number, else by the school's name.
    func suggestions(for text: String, among coops: [Cooperative]) -> [Cooperative] {
        let stripped = Self.strip(text)
        if let n = CooperativeNumber(parsing: stripped, defaultDepartment: defaultDepartment) {
            let digits = Array(n.description.filter(\.isNumber))
            let scored = coops.map {
                ($0, EditDistance.between(digits, Array($0.number.description.filter(\.isNumber))))
            }
            .filter { $0.1 <= 2 }
            .sorted { ($0.1, $0.0.number) < ($1.1, $1.0.number) }
            return scored.prefix(3).map(\.0)
        }
        let query = Folding.schoolName.fold(text)
        guard !query.isEmpty else { return [] }
        let scored = coops.map { c -> (Cooperative, Int) in
            let school = Folding.schoolName.fold(c.school)
            let words = school.split(separator: " ").map(String.init)
            let best = ([school] + words).map { EditDistance.between(query, $0) }.min() ?? Int.max
            return (c, best)
        }.filter { $0.1 <= max(2, query.count / 3) }.sorted { ($0.1, $0.0.number) < ($1.1, $1.0.number) }
        return scored.prefix(3).map(\.0)
    }

    /// A document by id (`12`, `pièce:12`) or SHA-256 prefix of at least 6 hexadecimal characters.
    public func document(_ text: String) throws -> DocumentRecord {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let bare = Self.dropPrefix(t, ["pièce:", "piece:", "doc:", "document:", "p"]) ?? t
        if let id = Int64(bare), let d = try store.document(id: id) { return d }
        if bare.count >= 6, bare.allSatisfy(\.isHexDigit) {
            let hits = try store.documents(sha256Prefix: bare)
            if Set(hits.map(\.sha256)).count == 1 { return hits[0] }
            if hits.count > 1 {
                throw DossierError.ambiguous(
                    text,
                    candidates: hits.map { .digest(document: $0.id ?? 0, filename: $0.filename, sha256: $0.sha256) })
            }
        }
        throw DossierError.unknownDocument(text)
    }

    /// For `show`: a cooperative, a document or a message. A bare number that could be several is an error listing them.
    public func target(_ text: String) throws -> Target {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let m = Self.dropPrefix(t, ["message:", "m"]), let id = Int64(m) {
            guard try store.message(id: id) != nil else {
                throw DossierError.unknownMessage(id)
            }
            return .message(id)
        }
        if let p = Self.dropPrefix(t, ["pièce:", "piece:", "doc:", "document:", "p"]), Int64(p) != nil {
            return .document(try document(p).id!)
        }
        // ASCII digits only: `٣` is a number to Character but not to Int64.
        let isNumber = t.allSatisfy { $0.isASCII && $0.isNumber } && !t.isEmpty
        guard isNumber, t.count <= 6, let id = Int64(t) else {
            if let n = CooperativeNumber(parsing: Self.strip(text), defaultDepartment: defaultDepartment),
                try isKnown(n)
            {
                return .cooperative(n)
            }
            if t.count >= 6, t.allSatisfy(\.isHexDigit), let d = try? document(t) { return .document(d.id!) }
            return .cooperative(try cooperative(text))
        }
        // A bare number: a document id, a message id, or a cooperative number in the default département.
        var candidates: [(Target, TargetCandidate)] = []
        if let d = try store.document(id: id) {
            candidates.append((.document(id), .document(id, filename: d.filename)))
        }
        if let m = try store.message(id: id) {
            candidates.append((.message(id), .message(id, subject: m.subject)))
        }
        if t.count <= 4, let n = CooperativeNumber(parsing: t, defaultDepartment: defaultDepartment), try isKnown(n) {
            candidates.append((.cooperative(n), .cooperative(n)))
        }
        if candidates.count == 1 { return candidates[0].0 }
        if candidates.count > 1 { throw DossierError.ambiguous(text, candidates: candidates.map(\.1)) }
        if t.count >= 6, let d = try? document(t) { return .document(d.id!) }
        return .cooperative(try cooperative(text))
    }

    func isKnown(_ n: CooperativeNumber) throws -> Bool {
        try store.isKnownCooperative(n.description)
    }

    func registry() throws -> [Cooperative] {
        try store.registeredCooperatives().compactMap(\.cooperative)
    }

    /// `coop 123`, `n° 0123`, `no 123` → `123`.
    static func strip(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        for p in ["coopérative", "cooperative", "coop", "n°", "no", "nº", "#"] where t.lowercased().hasPrefix(p) {
            let rest = t.dropFirst(p.count)
            if rest.first.map({ $0 == " " || $0 == "." || $0.isNumber }) == true {
                t = String(rest).trimmingCharacters(in: CharacterSet(charactersIn: " ."))
                break
            }
        }
        return t
    }

    static func dropPrefix(_ s: String, _ prefixes: [String]) -> String? {
        for p in prefixes where s.hasPrefix(p) {
            let rest = String(s.dropFirst(p.count))
            if !rest.isEmpty && rest.allSatisfy(\.isNumber) || p.hasSuffix(":") { return rest }
        }
        return nil
    }
}
