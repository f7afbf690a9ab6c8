/// A mailbox: an optional display name and an address (`OCCE AD75 <ad75@occe.coop>`).
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <addr>`, `"Name" <addr>` or a bare `addr`. Nil when the address is not a plain, safe address.
    public init?(parsing text: String) {
        let t = text.trimmingBlanks()
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let addr = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingBlanks()
            var name = String(t[..<open]).trimmingBlanks()
            if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            guard Mailbox.isValidAddress(addr), !HeaderSafety.containsControl(name) else { return nil }
            self.init(name: name.isEmpty ? nil : name, address: addr)
        } else {
            guard Mailbox.isValidAddress(t) else { return nil }
            self.init(address: t)
        }
    }

    /// Lower-cased, without surrounding blanks or angle brackets: the form registered addresses are compared in.
    public static func normalize(_ address: String) -> String {
        var a = address.trimmingBlanks()
        if a.hasPrefix("<") && a.hasSuffix(">") && a.count >= 2 {
            a = String(a.dropFirst().dropLast()).trimmingBlanks()
        }
        return a.lowercased()
    }

    /// A plain `local@domain` address: printable ASCII, no white space, quotes, brackets, commas or control
    /// characters; a dot-atom local part and a domain of letters, digits and hyphens.
    public static func isValidAddress(_ address: String) -> Bool {
        let scalars = address.unicodeScalars
        guard (3...254).contains(scalars.count), scalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            return false
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, (1...64).contains(local.count),
            !domain.isEmpty
        else { return false }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        let localOK = local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy(atext.contains)
        }
        let label = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.allSatisfy {
            !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(label.contains) && !$0.hasPrefix("-") && !$0.hasSuffix("-")
        }
        return localOK && domainOK
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
