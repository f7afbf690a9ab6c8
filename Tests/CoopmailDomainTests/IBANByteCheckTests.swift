import CoopmailDomain
import Testing

/// `IBAN`'s byte-by-byte route for ASCII text (#16) gives what the Unicode route gives, on valid IBANs written in
/// every way (spaces, hyphens, lower case, line breaks) and on near misses (one character changed, non-ASCII
/// characters, wrong lengths).
@Suite struct IBANByteCheckTests {
    /// The Unicode route, as it was before the byte route (the reference).
    static func referenceNormalized(_ text: String) -> String? {
        let s = String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        return referenceIsValid(s) ? s : nil
    }

    static func referenceIsValid(_ s: String) -> Bool {
        guard (15...34).contains(s.count), s.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
            s.prefix(2).allSatisfy(\.isLetter), s.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        var remainder = 0
        for ch in s.dropFirst(4) + s.prefix(4) {
            if let d = ch.wholeNumberValue, ch.isNumber {
                remainder = (remainder * 10 + d) % 97
            } else if let a = ch.asciiValue {
                remainder = (remainder * 100 + Int(a) - 55) % 97
            }
        }
        return remainder == 1
    }

    static func referenceAccountDigits(_ iban: String) -> String? {
        guard iban.hasPrefix("FR"), iban.count == 27 else { return nil }
        return String(iban.dropFirst(14).prefix(11).filter(\.isNumber))
    }

    /// SplitMix64: the same texts for a seed.
    struct Seeded {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// A valid IBAN: a country, random digits and letters, check digits computed.
    static func validIBAN(_ rng: inout Seeded) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let country = ["FR", "DE", "BE", "MC", "GB"][rng.next(5)]
        let length = country == "FR" || country == "MC" ? 23 : 11 + rng.next(19)
        let bban = String((0..<length).map { _ in alphabet[rng.next(rng.next(4) == 0 ? 36 : 10)] })
        var remainder = 0
        for ch in bban + country + "00" {
            let v = ch.wholeNumberValue ?? Int(ch.asciiValue ?? 55) - 55
            remainder = (remainder * (v < 10 ? 10 : 100) + v) % 97
        }
        let check = 98 - remainder
        return country + (check < 10 ? "0" : "") + String(check) + bban
    }

    /// The IBAN as someone may type it, or with one slip.
    static func variant(of iban: String, _ rng: inout Seeded) -> String {
        var chars = Array(iban)
        switch rng.next(6) {
        case 0: chars[rng.next(chars.count)] = ["1", "O", "x", "é", "\u{00A0}", "\r\n"][rng.next(6)]
        case 1: chars.remove(at: rng.next(chars.count))
        case 2: chars.insert(["-", " ", "\t", "\r\n", "\n"][rng.next(5)], at: rng.next(chars.count))
        case 3: chars = Array(String(chars).lowercased())
        default: break
        }
        var out = ""
        for (i, c) in chars.enumerated() {
            if i > 0, i % 4 == 0, rng.next(2) == 0 { out += rng.next(3) == 0 ? "-" : " " }
            out.append(c)
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 16, 97])
    func byteRouteAgreesWithUnicodeRoute(seed: Int) {
        var rng = Seeded(state: UInt64(seed))
        var valid = 0
        for _ in 0..<2000 {
            let text = Self.variant(of: Self.validIBAN(&rng), &rng)
            let expected = Self.referenceNormalized(text)
            #expect(IBAN.normalized(text) == expected, "\(text.debugDescription)")
            if let s = expected {
                valid += 1
                #expect(IBAN.frenchAccountDigits(s) == Self.referenceAccountDigits(s))
            }
            #expect(IBAN.isValid(text) == Self.referenceIsValid(text), "\(text.debugDescription)")
            #expect(IBAN.frenchAccountDigits(text) == Self.referenceAccountDigits(text), "\(text.debugDescription)")
        }
        // Both kinds were tried: valid ones and rejected ones.
        #expect(valid > 200 && valid < 1900)
    }

    @Test func knownCases() {
        #expect(IBAN.normalized("fr76-3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189")
        #expect(IBAN.normalized("FR76 3000 6000 0112 3456 7890 18é") == nil)
        #expect(IBAN.frenchAccountDigits("FR7630006000011234567890189\r\n") == nil)
        let joined = "FR76300060000112345678\r\n0189"  // 27 characters, 28 bytes
        #expect(IBAN.frenchAccountDigits(joined) == "1234567801")
        #expect(IBAN.frenchAccountDigits(joined) == Self.referenceAccountDigits(joined))
    }
}
