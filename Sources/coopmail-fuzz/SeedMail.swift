import Foundation

/// The mails the fuzzer starts from, before mutation: generated submissions (statement and quitus as text or
/// PDF, bounces, forwards, two cooperatives) and the repository's hostile and odd mails (`Fixtures/mail`).
struct SeedMail {
    /// Registered senders and numbers of the fuzz registry (see ``FuzzRegistry``).
    static let senders = (1...40).map { "mandataire\($0)@ecole.test" }

    let fixtures: [Data]
    let pdfs: [(name: String, data: Data)]

    init(repository: URL) {
        let fm = FileManager.default
        let mailDir = repository.appendingPathComponent("Fixtures/mail")
        fixtures = ((try? fm.contentsOfDirectory(atPath: mailDir.path)) ?? []).sorted().filter { $0.hasSuffix(".eml") }
            .compactMap { try? Data(contentsOf: mailDir.appendingPathComponent($0)) }
        let docs = repository.appendingPathComponent("Fixtures/documents")
        // Text-layer PDFs only: a mutated scan would send most cases to OCR and the campaign would read pages, not mails.
        pdfs = ["quitus-0123.pdf", "releve-2021-08-0123.pdf", "releve-straddle-0789.pdf", "releve-2021-09-0456.pdf"]
            .compactMap { n in (try? Data(contentsOf: docs.appendingPathComponent(n))).map { (n, $0) } }
    }

    /// One starting mail for `rng`.
    func make(_ rng: inout SplitMix) -> Data {
        let choice = Int.random(in: 0..<10, using: &rng)
        if choice == 0, !fixtures.isEmpty { return fixtures[Int.random(in: 0..<fixtures.count, using: &rng)] }
        let coop = Int.random(in: 1...40, using: &rng)
        let sender = Self.senders[coop - 1]
        var parts: [Part] = [
            .text(
                "Bonjour,\nveuillez trouver les pièces de la coopérative 075-\(String(format: "%04d", coop)).\nCordialement"
            )
        ]
        switch choice {
        case 1, 2, 3:
            parts.append(.attachment("releve.txt", "text/plain; charset=utf-8", Data(Self.statement(&rng).utf8)))
        case 4:
            parts.append(
                .attachment("quitus.txt", "text/plain; charset=utf-8", Data(Self.quitus(coop: coop, &rng).utf8)))
        case 5 where !pdfs.isEmpty:
            let pdf = pdfs[Int.random(in: 0..<pdfs.count, using: &rng)]
            parts.append(.attachment(pdf.name, "application/pdf", pdf.data))
        case 6:
            // A bounce quoting one of our answers.
            return Self.message(
                from: "MAILER-DAEMON@ecole.test", subject: "Undelivered Mail Returned to Sender",
                type: "multipart/report; report-type=delivery-status",
                parts: [
                    .text("Le message n'a pas pu être remis."),
                    .attachment(
                        "details.txt", "message/delivery-status",
                        Data("Final-Recipient: rfc822; \(sender)\nStatus: 5.1.1\n".utf8)),
                    .attachment(
                        "original.eml", "message/rfc822",
                        Self.message(
                            from: "ad75@occe.test", subject: "Accusé de réception 075-\(String(format: "%04d", coop))",
                            type: nil, parts: [.text("Dossier 075-\(String(format: "%04d", coop))")], rng: &rng)),
                ], rng: &rng)
        case 7:
            // A forward holding the mandataire's mail.
            let inner = Self.message(
                from: sender, subject: "CRF", type: nil,
                parts: [.text("voici"), .attachment("releve.txt", "text/plain", Data(Self.statement(&rng).utf8))],
                rng: &rng)
            parts.append(.attachment("forward.eml", "message/rfc822", inner))
        case 8:
            // Two cooperatives in one mail.
            parts.append(.attachment("quitus-a.txt", "text/plain", Data(Self.quitus(coop: coop, &rng).utf8)))
            parts.append(.attachment("quitus-b.txt", "text/plain", Data(Self.quitus(coop: (coop % 40) + 1, &rng).utf8)))
        default:
            break
        }
        return Self.message(
            from: sender, subject: "CRF coopérative 075-\(String(format: "%04d", coop))", type: nil, parts: parts,
            rng: &rng)
    }

    enum Part {
        case text(String)
        case attachment(String, String, Data)
    }

    static func message(from: String, subject: String, type: String?, parts: [Part], rng: inout SplitMix) -> Data {
        let boundary = "b\(UInt32.random(in: 0...UInt32.max, using: &rng))"
        var out = """
            From: \(from)
            To: ad75@occe.test
            Subject: \(subject)
            Date: Mon, 13 Sep 2021 10:\(String(format: "%02d", Int.random(in: 0..<60, using: &rng))):00 +0200
            Message-ID: <\(UInt64.random(in: 0...UInt64.max, using: &rng))@ecole.test>
            MIME-Version: 1.0
            Content-Type: \(type ?? "multipart/mixed"); boundary="\(boundary)"


            """
        for part in parts {
            out += "--\(boundary)\n"
            switch part {
            case .text(let t):
                out += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n\(t)\n"
            case .attachment(let name, let type, let data):
                if type.hasPrefix("message/") {
                    out += "Content-Type: \(type)\n\n" + String(decoding: data, as: UTF8.self) + "\n"
                } else {
                    let b64 = data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
                    out +=
                        "Content-Type: \(type); name=\"\(name)\"\nContent-Disposition: attachment; filename=\"\(name)\"\n"
                        + "Content-Transfer-Encoding: base64\n\n\(b64)\n"
                }
            }
        }
        out += "--\(boundary)--\n"
        return Data(out.utf8)
    }

    /// A BRED-like statement whose period may straddle 31/08, with its movements.
    static func statement(_ rng: inout SplitMix) -> String {
        let startDay = Int.random(in: 1...28, using: &rng)
        var balance = Int64.random(in: -50_000...500_000, using: &rng)
        var lines = [
            "BRED BANQUE POPULAIRE", "RELEVE DE COMPTE N° \(Int.random(in: 1...12, using: &rng))",
            "IBAN FR76 1010 7001 0100 \(Int.random(in: 1000...9999, using: &rng)) 2345 \(Int.random(in: 100...999, using: &rng))",
            "du \(String(format: "%02d", startDay))/08/2021 au \(String(format: "%02d", startDay))/09/2021",
            "SOLDE CREDITEUR AU \(String(format: "%02d", startDay))/08/2021 \(euros(balance))",
        ]
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let amount = Int64.random(in: 1...200_000, using: &rng)
            let credit = Bool.random(using: &rng)
            balance += credit ? amount : -amount
            let day = Int.random(in: 1...28, using: &rng)
            let month = Bool.random(using: &rng) ? 8 : 9
            let date = "\(String(format: "%02d", day))/\(String(format: "%02d", month))/2021"
            lines.append(
                "\(date) \(date) \(credit ? "REMISE CHEQUE" : "CHEQUE \(Int.random(in: 1000...9999, using: &rng))") "
                    + (credit ? "          \(euros(amount))" : "\(euros(amount))"))
        }
        lines.append(
            "SOLDE \(balance < 0 ? "DEBITEUR" : "CREDITEUR") AU \(String(format: "%02d", startDay))/09/2021 \(euros(abs(balance)))"
        )
        return lines.joined(separator: "\n")
    }

    static func quitus(coop: Int, _ rng: inout SplitMix) -> String {
        """
        OCCE 75 — Compte rendu financier — exercice 2020-2021
        Coopérative n° 075-\(String(format: "%04d", coop)) (AD 75) 75014 Paris
        Total des produits \(euros(Int64.random(in: 0...900_000, using: &rng)))
        Total des charges \(euros(Int64.random(in: 0...900_000, using: &rng)))
        Solde banque au 31/08/2021 \(euros(Int64.random(in: -10_000...900_000, using: &rng)))
        QUITUS — Le mandataire   Le parent d'élève élu   L'enseignant
        Nom : ....  Date : ....  Signature :
        """
    }

    /// `1 234,56` from cents.
    static func euros(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        var whole = String(m / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = " " + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return sign + whole + grouped + "," + String(format: "%02d", Int(m % 100))
    }
}
