import CoopmailText

/// The export's elements written by ``PrettyJSON``: the same bytes as `JSONEncoder` with sorted keys, pretty-printed
/// (keys written here in that order), at a fraction of its cost. `ExportJSONTests` compares both on random values.
extension ExportDocument.Submission {
    public func write(to w: inout PrettyJSON) throws {
        w.beginObject()
        w.key("cooperative")
        w.string(cooperative)
        w.key("documents")
        w.beginArray()
        for d in documents {
            w.element()
            try d.write(to: &w)
        }
        w.endArray()
        w.key("from")
        w.string(from)
        w.key("match")
        try match.write(to: &w)
        w.key("message_id")
        w.string(messageID)
        w.key("nature")
        w.string(nature)
        w.key("notes")
        w.strings(notes)
        w.key("quarantine_reason")
        w.string(quarantineReason)
        w.key("received_at")
        w.string(receivedAt)
        w.key("status")
        w.string(status)
        w.key("subject")
        w.string(subject)
        w.endObject()
    }
}

extension ExportDocument.Match {
    public func write(to w: inout PrettyJSON) throws {
        w.beginObject()
        w.key("confidence")
        try w.double(confidence)
        w.key("evidence")
        w.strings(evidence)
        w.endObject()
    }
}

extension ExportDocument.Document {
    public func write(to w: inout PrettyJSON) throws {
        w.beginObject()
        w.key("cooperative")
        w.string(cooperative)
        w.key("filename")
        w.string(filename)
        w.key("id")
        w.int(id)
        w.key("kind")
        w.string(kind)
        w.key("media_type")
        w.string(mediaType)
        w.key("pages")
        if let pages {
            w.beginArray()
            for p in pages {
                w.element()
                w.int(p)
            }
            w.endArray()
        } else {
            w.null()
        }
        w.key("sha256")
        w.string(sha256)
        if let signatures {
            w.key("signatures")
            w.beginArray()
            for s in signatures {
                w.element()
                try s.write(to: &w)
            }
            w.endArray()
        }
        w.key("statement")
        if let statement { statement.write(to: &w) } else { w.null() }
        w.endObject()
    }
}

extension ExportDocument.Statement {
    public func write(to w: inout PrettyJSON) {
        w.beginObject()
        w.key("balance_cents")
        w.int(balanceCents)
        w.key("balance_source")
        w.string(balanceSource)
        w.key("date")
        w.string(date)
        w.key("iban")
        w.string(iban)
        w.endObject()
    }
}

extension ExportDocument.Signature {
    public func write(to w: inout PrettyJSON) throws {
        w.beginObject()
        w.key("measure")
        try w.double(measure)
        w.key("place")
        w.string(place)
        w.key("verdict")
        w.string(verdict)
        w.endObject()
    }
}

extension ExportDocument.CheckRow {
    public func write(to w: inout PrettyJSON) {
        w.beginObject()
        w.key("detail")
        w.string(detail)
        w.key("difference_cents")
        w.int(differenceCents)
        w.key("expected_cents")
        w.int(expectedCents)
        w.key("found_cents")
        w.int(foundCents)
        w.key("rule")
        w.string(rule)
        w.key("verdict")
        w.string(verdict)
        w.endObject()
    }
}

extension DossierPresentation {
    /// The contract's fields only (the export's dossier): `staff` must be nil, its fields are not written.
    public func writeContractFields(to w: inout PrettyJSON) {
        w.beginObject()
        w.key("checks")
        w.beginArray()
        for c in checks {
            w.element()
            c.write(to: &w)
        }
        w.endArray()
        w.key("cooperative")
        w.string(cooperative)
        w.key("status")
        w.string(status)
        w.endObject()
    }
}
