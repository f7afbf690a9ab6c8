#!/usr/bin/python3
"""A third, independent source of labelled mails: MIME shapes of real clients that make-mail-corpus.py never makes.

Usage: make-client-mails.py OUT_DIR [--seed N] [--mails N]

Writes the same files as make-mail-corpus.py (OUT_DIR/mails/NNNN-CASE.eml, registry.csv, registry-dense.csv,
declarations.csv, labels.json in the format Benchmarks/score-mail-corpus.py reads), so the same scorer judges them.
The documents (statements in their layouts and forms, quitus pages, letters) and the registry are make-mail-corpus.py's
own makers, drawn from other seeds; what is new here is only the envelope around them:

- Outlook with `winmail.dat` (application/ms-tnef) beside the real attachments, upper-case transfer encodings with
  trailing blanks, windows-1252 bodies;
- Apple Mail's rich body: multipart/alternative whose HTML branch is a multipart/mixed of HTML fragments and inline
  PDFs or photos (`Content-Disposition: inline`), and the plain multipart/mixed with a text part after the PDF;
- Gmail's « ---------- Forwarded message --------- » with the original's headers in the body and the attachments;
- a forward of a forward: message/rfc822 inside message/rfc822, the documents in the innermost mail;
- iPhone photos as image/heic (the reader claims HEIC: the photo must be read);
- file names in RFC 2231 (`filename*=UTF-8''relev%C3%A9%20ao%C3%BBt.pdf`, continuations `filename*0*=`, ISO-8859-1)
  and in RFC 2047 encoded-words split in several words;
- application/octet-stream PDFs and photos with no name at all;
- quoted-printable bodies with soft line breaks inside words and numbers;
- ISO-8859-1 and windows-1252 subjects and bodies, encoded or sent as raw 8-bit bytes (« Coopérative École … »);
- a reply in a thread whose quoted text is another mandataire's mail naming another cooperative;
- signature blocks with a phone number, a postcode and a street number;
- a multifunction copier's scan-to-mail (the whole mail is one PDF part, no text), S/MIME multipart/signed, and a zip;
- a mail saved by Thunderbird (a `From -` line, X-Mozilla headers, LF line endings);
- Date headers as other servers write them (no weekday, a comment, a two-digit year, no seconds, GMT, UT…) under a
  Received line;
- boundaries with spaces and `=` (Lotus Notes, Outlook Express), unquoted ones, preambles and epilogues;
- declared types that are not the file's (application/x-pdf, application/download, image/pjpeg, none at all, `.PDF`);
- a forward whose message/rfc822 part is itself base64-encoded.

Every draw comes from random.Random(seed); none looks at the reader's thresholds. Needs what make-mail-corpus.py needs,
and ImageMagick with HEIC support (libheif) for the iPhone photos.
"""
import base64
import importlib.util
import io
import os
import quopri
import subprocess
import tempfile
import urllib.parse
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mc = load("make-mail-corpus")
OCCE = mc.OCCE
CRLF = "\r\n"


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    if width is None:
        return s
    return CRLF.join(s[i:i + width] for i in range(0, len(s), width))


def qp_soft(text, charset, rnd):
    """Quoted-printable with soft line breaks placed at random (inside words and numbers), as some webmails do."""
    raw = quopri.encodestring(text.replace("\n", "\r\n").encode(charset, "replace")).decode("ascii")
    out = []
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        while len(line) > 20 and rnd.random() < 0.7:
            cut = rnd.randint(8, min(60, len(line) - 1))
            # Never inside an =XX escape.
            while cut > 0 and (line[cut - 1] == "=" or (cut > 1 and line[cut - 2] == "=")):
                cut -= 1
            if cut <= 0:
                break
            out.append(line[:cut] + "=")
            line = line[cut:]
        out.append(line)
    return CRLF.join(out)


def rfc2231(name, rnd, charset="UTF-8"):
    """`filename*=` (and continuations when the name is long or by draw) in RFC 2231."""
    enc = urllib.parse.quote(name.encode(charset.lower().replace("iso-8859-1", "latin-1"), "replace"), safe="")
    lang = rnd.choice(["", "", "fr"])
    if rnd.random() < 0.5 and len(enc) > 12:
        cut = rnd.randint(4, len(enc) - 4)
        while "%" in enc[cut - 2:cut]:
            cut -= 1
        return ";\r\n filename*0*=%s'%s'%s;\r\n filename*1*=%s" % (charset, lang, enc[:cut], enc[cut:])
    return "; filename*=%s'%s'%s" % (charset, lang, enc)


def words_2047(name, charset="UTF-8", rnd=None):
    """The name as several RFC 2047 encoded-words (split mid-name, B or Q), folded on two lines."""
    raw = name.encode(charset.lower().replace("windows-1252", "cp1252").replace("iso-8859-1", "latin-1"), "replace")
    cut = rnd.randint(1, max(1, len(raw) - 1))
    # Never split a UTF-8 sequence.
    while charset.upper() == "UTF-8" and 0 < cut < len(raw) and (raw[cut] & 0xC0) == 0x80:
        cut -= 1
    chunks = [raw[:cut], raw[cut:]]
    out = []
    for ch in chunks:
        if not ch:
            continue
        if rnd.random() < 0.5:
            out.append("=?%s?B?%s?=" % (charset, base64.b64encode(ch).decode()))
        else:
            q = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b".-") else ("_" if b == 32 else "=%02X" % b)
                        for b in ch)
            out.append("=?%s?Q?%s?=" % (charset, q))
    return "\r\n ".join(out)


def part(headers, body):
    return CRLF.join(headers) + CRLF + CRLF + body


def multipart(subtype, bnd, parts, extra=""):
    head = "Content-Type: multipart/%s;\r\n\tboundary=\"%s\"%s\r\n\r\n" % (subtype, bnd, extra)
    body = "".join("--%s\r\n%s\r\n" % (bnd, p) for p in parts)
    return head + body + "--%s--\r\n" % bnd


def html_of(text):
    import html
    return "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>" + "".join(
        "<div>%s</div>" % (html.escape(l) or "<br>") for l in text.split("\n")) + "</body></html>"


def heic_of(jpeg_bytes):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "p.jpg"), os.path.join(tmp, "p.heic")
        with open(src, "wb") as f:
            f.write(jpeg_bytes)
        subprocess.run(["convert", src, "-quality", "80", dst], check=True, capture_output=True)
        with open(dst, "rb") as f:
            return f.read()


FIRST, LAST = mc.FIRST, mc.LAST


class ClientMails(mc.Corpus):
    CASES = [  # (name, weight)
        ("outlook winmail.dat", 8), ("apple alternative/mixed inline", 8), ("apple mixed, texte après le PDF", 5),
        ("gmail transfert dans le corps", 8), ("transfert d'un transfert (rfc822 ×2)", 7), ("iphone HEIC", 6),
        ("noms RFC 2231", 8), ("noms RFC 2047 découpés", 7), ("octet-stream sans nom", 6),
        ("quoted-printable coupé, encodages en majuscules", 6), ("latin-1 / windows-1252 8 bits", 7),
        ("fil de réponses citant une autre coopérative", 7), ("signature avec téléphone et code postal", 7),
        ("copieur multifonction", 4), ("S/MIME signé", 3), ("archive zip", 4),
        ("enregistré par Thunderbird (From_, LF)", 5), ("dates d'autres serveurs", 6), ("délimiteurs et préambules", 5),
        ("types déclarés inexacts", 6), ("message/rfc822 en base64", 3),
    ]

    def __init__(self, out, seed, count):
        # Other seeds than make-mail-corpus.py's: another registry, other books, other documents.
        super().__init__(out, 7_000 + seed, count)
        self.rnd = mc.random.Random(seed * 1_000_003 + 17)

    # -- documents: the corpus' makers, text PDFs more often (the point is the envelope), OCR'd forms still drawn
    def docs(self, coop, images=False, what=None):
        rnd = self.rnd
        files = []
        what = what or rnd.choice(["both", "both", "both", "statement", "quitus"])
        form = (lambda: rnd.choice(["photo", "scan150"])) if images else (lambda: rnd.choice(["pdf"] * 5 + ["photo", "scan150"]))
        if what in ("both", "quitus"):
            files.append(self.quitus(coop, form()))
        if what in ("both", "statement"):
            files.append(self.statement(coop, form()))
        rnd.shuffle(files)
        return files

    def headers(self, client, name, addr, subject, subject_charset="utf-8", raw_8bit=False):
        date, _ = mc.mail_date(self.rnd)
        h = mc.client_headers(client, self.rnd, name, addr, subject, date, addr.split("@")[1])
        if raw_8bit:  # the subject and the name as raw 8-bit bytes of the charset, no encoded-words (old clients)
            h = [("Subject: " + subject) if x.startswith("Subject:") else x for x in h]
            h = [("From: %s <%s>" % (name, addr)) if x.startswith("From:") else x for x in h]
        elif subject_charset != "utf-8":
            h = [("Subject: " + mc.word(subject, subject_charset, "Q")) if x.startswith("Subject:") else x for x in h]
        return h

    def attach(self, name, media, data, disposition="attachment", name_style="plain", cte="base64", charset="UTF-8"):
        rnd = self.rnd
        if name is None:
            ct = "Content-Type: %s" % media
            disp = ["Content-Disposition: %s" % disposition] if disposition else []
        elif name_style == "2231":
            star = rfc2231(name, rnd, charset)
            ct = "Content-Type: %s%s" % (media, star.replace("filename", "name"))
            disp = ["Content-Disposition: %s%s" % (disposition, star)]
        elif name_style == "2047":
            w = words_2047(name, charset, rnd)
            ct = "Content-Type: %s;\r\n name=\"%s\"" % (media, w)
            disp = ["Content-Disposition: %s;\r\n filename=\"%s\"" % (disposition, w)]
        else:
            ct = "Content-Type: %s; name=\"%s\"" % (media, mc.word(name))
            disp = ["Content-Disposition: %s; filename=\"%s\"" % (disposition, mc.word(name))]
        return part([ct] + disp + ["Content-Transfer-Encoding: %s" % cte], b64(data))

    def text(self, text, charset="utf-8", cte="quoted-printable", soft=False):
        cs = {"utf-8": "UTF-8", "latin-1": "ISO-8859-1", "cp1252": "windows-1252"}[charset]
        if cte.lower().strip() == "quoted-printable":
            body = qp_soft(text, charset, self.rnd) if soft else mc.qp(text, charset)
        else:
            body = text.replace("\n", CRLF)
        return part(["Content-Type: text/plain; charset=\"%s\"" % cs, "Content-Transfer-Encoding: %s" % cte], body)

    def write(self, case, client, headers, body_and_ct, files, expected, nature, extra_docs=()):
        """Writes one mail whose top Content-Type (and body) is `body_and_ct`; labels its documents (and any other
        attachment it carries, e.g. winmail.dat, as `other` with no cooperative)."""
        raw = CRLF.join(headers) + CRLF + body_and_ct
        self.add(case, client, "", headers, list(files) + [(f, dict(kind="other", cooperative=None, form="pdf")) for f in extra_docs],
                 expected, nature, raw=raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw)

    def add(self, case, client, text, headers, files, expected, nature, forwarded=None, raw=None):
        super().add(case, client, text, headers, files, expected, nature, forwarded, raw)

    def bnd(self, style="apple"):
        return mc.boundary(self.rnd, style)

    def body_for(self, coop):
        return self.rnd.choice(["Bonjour,\nVeuillez trouver ci-joint le quitus et le relevé de la coopérative.\nCordialement,\n%s",
                                "Bonjour,\n\nVoici les pièces demandées pour la coopérative de l'école.\nBonne journée,\n%s",
                                "Bonjour, ci-joint les documents.\n%s"]) % coop["mandataire"]

    # -- the cases, in the order of CASES
    def case_0(self, case):  # Outlook with winmail.dat beside the real attachments
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers("outlook", coop["mandataire"], coop["email"], "Documents coopérative", "windows-1252")
        tnef = b"\x78\x9f\x3e\x22" + bytes(rnd.getrandbits(8) for _ in range(rnd.randint(200, 3000)))
        parts = [multipart("alternative", self.bnd("outlook"), [
            self.text(self.body_for(coop), "cp1252"),
            part(["Content-Type: text/html; charset=\"windows-1252\"", "Content-Transfer-Encoding: quoted-printable"],
                 mc.qp(html_of(self.body_for(coop)), "cp1252"))])]
        atts = [self.attach(n, m, d, cte=rnd.choice(["base64", "BASE64", "Base64 "])) for (n, m, d), _ in files]
        win = part(["Content-Type: application/ms-tnef; name=\"winmail.dat\"", "Content-Disposition: attachment; filename=\"winmail.dat\"",
                    "Content-Transfer-Encoding: base64"], b64(tnef))
        atts.insert(rnd.randint(0, len(atts)), win)
        self.write(case, "outlook", h, multipart("mixed", self.bnd("outlook"), parts + atts), files, coop["numero"], "documents",
                   extra_docs=[("winmail.dat", "application/ms-tnef", tnef)])

    def case_1(self, case):  # Apple Mail rich body: alternative [plain, mixed [html, pdf inline, html, …]]
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        client = rnd.choice(["apple-mail", "iphone"])
        text = self.body_for(coop)
        h = self.headers(client, coop["mandataire"], coop["email"], rnd.choice(["Quitus et relevé", "Coopérative scolaire", "Documents"]))
        plain = text + "".join("\n\n<%s>" % f[0] for f, _ in files) + "\n"
        mixed = [part(["Content-Type: text/html;", "\tcharset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
                      mc.qp("<html><body>" + text.replace("\n", "<br>") + "<br><br></body></html>", "utf-8"))]
        for (n, m, d), _ in files:
            mixed.append(part(["Content-Disposition: inline;", "\tfilename=%s" % (mc.word(n) if " " not in n else '"%s"' % mc.word(n)),
                               "Content-Type: %s;" % m, "\tx-unix-mode=0644;", "\tname=\"%s\"" % mc.word(n),
                               "Content-Transfer-Encoding: base64"], b64(d)))
            mixed.append(part(["Content-Transfer-Encoding: 7bit", "Content-Type: text/html;", "\tcharset=us-ascii"],
                              "<html><body><br></body></html>"))
        alt = multipart("alternative", self.bnd(), [self.text(plain, cte=rnd.choice(["quoted-printable", "7bit" if plain.isascii() else "8bit"])),
                                                    multipart("mixed", self.bnd(), mixed)])
        self.write(case, client, h, alt, files, coop["numero"], "documents")

    def case_2(self, case):  # Apple Mail plain: mixed [text, pdf inline, text]
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers("apple-mail", coop["mandataire"], coop["email"], "Pièces coopérative")
        parts = [self.text("Bonjour,\n\nVoici les documents :\n", cte="7bit" if rnd.random() < 0.5 else "quoted-printable")]
        for (n, m, d), _ in files:
            parts.append(part(["Content-Disposition: inline;", "\tfilename=\"%s\"" % mc.word(n), "Content-Type: %s;" % m,
                               "\tx-unix-mode=0666;", "\tname=\"%s\"" % mc.word(n), "Content-Transfer-Encoding: base64"], b64(d)))
            parts.append(self.text("\n\n"))
        parts.append(self.text("Cordialement,\n%s\n" % coop["mandataire"]))
        self.write(case, "apple-mail", h, multipart("mixed", self.bnd(), parts), files, coop["numero"], "documents")

    def forwarded_block(self, coop, files, style):
        date = "lun. 27 sept. 2021 à 18:40"
        if style == "gmail":
            return ("\n\n---------- Forwarded message ---------\nDe : %s <%s>\nDate: %s\nSubject: %s\nTo: <secretariat.ecole@ac-paris.fr>\n\n\n%s\n"
                    % (coop["mandataire"], coop["email"], date, "Documents coopérative", self.body_for(coop)))
        return ("\n\n---------- Message transféré ---------\nDe : %s <%s>\nDate : %s\nObjet : %s\nÀ : <secretariat.ecole@ac-paris.fr>\n\n\n%s\n"
                % (coop["mandataire"], coop["email"], date, "Documents coopérative", self.body_for(coop)))

    def case_3(self, case):  # Gmail forward in the body, with attachments
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        registered = rnd.random() < 0.3
        if registered:
            name, addr = coop["mandataire"], coop["email"]
        else:
            name, addr = "Secrétariat école", "secretariat.ecole%d@gmail.com" % rnd.randint(1, 99)
        body = rnd.choice(["", "Pour info", "Bonjour, je transfère."]) + self.forwarded_block(coop, files, rnd.choice(["gmail", "gmail-fr"]))
        h = self.headers("gmail", name, addr, "Fwd: Documents coopérative")
        alt = multipart("alternative", self.bnd("gmail"), [self.text(body), part(
            ["Content-Type: text/html; charset=\"UTF-8\"", "Content-Transfer-Encoding: quoted-printable"], mc.qp(html_of(body), "utf-8"))])
        atts = [self.attach(n, m, d) for (n, m, d), _ in files]
        self.write(case, "gmail", h, multipart("mixed", self.bnd("gmail"), [alt] + atts), files, coop["numero"], "documents")

    def case_4(self, case):  # a forward of a forward: message/rfc822 in message/rfc822
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        inner_h = self.headers("thunderbird", coop["mandataire"], coop["email"], "quitus et relevé")
        inner = CRLF.join(inner_h) + CRLF + multipart("mixed", self.bnd("thunderbird"), [self.text(self.body_for(coop))] + [
            self.attach(n, m, d, name_style="2231") for (n, m, d), _ in files])
        mid_h = self.headers("outlook", "Secrétariat", "ce.07512%02dx@ac-paris.fr" % rnd.randint(10, 99), "TR: quitus et relevé")
        middle = CRLF.join(mid_h) + CRLF + multipart("mixed", self.bnd("outlook"), [
            self.text("Pour la direction.", "cp1252"),
            part(["Content-Type: message/rfc822", "Content-Disposition: attachment;\r\n\tfilename=\"quitus et relevé.eml\""], inner)])
        outer_h = self.headers(rnd.choice(["gmail", "thunderbird"]), "Direction école", "directeur.ecole%d@ac-paris.fr" % rnd.randint(1, 99),
                               "Fwd: TR: quitus et relevé")
        outer = multipart("mixed", self.bnd("gmail"), [self.text("Je vous fais suivre, bonne réception."),
                                                       part(["Content-Type: message/rfc822"], middle)])
        self.write(case, "forward-x2", outer_h, outer, files, coop["numero"], "documents")

    def case_5(self, case):  # iPhone photos as HEIC
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = []
        for (n, m, d), label in self.docs(coop, images=True):
            if m == "image/jpeg":
                d, n, m = heic_of(d), "IMG_%04d.HEIC" % rnd.randint(1000, 9999), "image/heic"
                label = dict(label, form="heic")
            files.append(((n, m, d), label))
        h = self.headers("iphone", coop["mandataire"], coop["email"], rnd.choice(["", "Photos", "Documents coop"]))
        parts = [self.text("Bonjour voici les photos\n\nEnvoyé de mon iPhone")]
        for (n, m, d), _ in files:
            parts.append(part(["Content-Type: %s;" % m, "\tname=%s" % n, "Content-Disposition: inline;", "\tfilename=%s" % n,
                               "Content-Transfer-Encoding: base64"], b64(d)))
        self.write(case, "iphone", h, multipart("mixed", self.bnd(), parts), files, coop["numero"], "documents")

    def renamed(self, files, names):
        out = []
        for ((n, m, d), label), new in zip(files, names):
            ext = n.rpartition(".")[2]
            out.append((("%s.%s" % (new, ext), m, d), label))
        return out

    def accented_names(self, files):
        rnd = self.rnd
        names = []
        for _, label in files:
            if label["kind"] == "quitus":
                names.append(rnd.choice(["Quitus coopérative école", "compte rendu financier signé", "quitus_exercice_2020-2021_coopérative"]))
            else:
                names.append(rnd.choice(["relevé août", "Relevé de compte n°3 — août 2021", "relevé bancaire au 31 août 2021 coopérative scolaire"]))
        return self.renamed(files, names)

    def case_6(self, case):  # RFC 2231 names
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.accented_names(self.docs(coop))
        client = rnd.choice(["thunderbird", "gmail", "laposte"])
        charset = rnd.choice(["UTF-8", "UTF-8", "ISO-8859-1"])
        if charset == "ISO-8859-1":  # a client never writes a name its charset cannot hold
            files = [((n.replace("—", "-"), m, d), label) for (n, m, d), label in files]
        h = self.headers(client, coop["mandataire"], coop["email"], "Documents de fin d'exercice")
        parts = [self.text(self.body_for(coop))] + [self.attach(n, m, d, name_style="2231", charset=charset) for (n, m, d), _ in files]
        self.write(case, client, h, multipart("mixed", self.bnd("thunderbird"), parts), files, coop["numero"], "documents")

    def case_7(self, case):  # RFC 2047 names split in several words
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.accented_names(self.docs(coop))
        client = rnd.choice(["outlook", "orange", "free"])
        charset = {"outlook": "windows-1252", "orange": "ISO-8859-1", "free": "UTF-8"}[client]
        if charset == "ISO-8859-1":
            files = [((n.replace("—", "-"), m, d), label) for (n, m, d), label in files]
        h = self.headers(client, coop["mandataire"], coop["email"], "Coopérative scolaire : pièces", charset.lower())
        parts = [self.text(self.body_for(coop), {"windows-1252": "cp1252", "ISO-8859-1": "latin-1", "UTF-8": "utf-8"}[charset])]
        parts += [self.attach(n, m, d, name_style="2047", charset=charset) for (n, m, d), _ in files]
        self.write(case, client, h, multipart("mixed", self.bnd("webmail"), parts), files, coop["numero"], "documents")

    def case_8(self, case):  # application/octet-stream with no name
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers(rnd.choice(["orange", "free", "gmail"]), coop["mandataire"], coop["email"], "documents")
        parts = [self.text(self.body_for(coop))]
        named = []
        for i, ((n, m, d), label) in enumerate(files):
            disp = rnd.choice([None, "attachment", "inline"])
            parts.append(self.attach(None, "application/octet-stream", d, disposition=disp))
            named.append((("piece-%d.bin" % (i + 1), m, d), label))
        self.write(case, "webmail", h, multipart("mixed", self.bnd("webmail"), parts), named, coop["numero"], "documents")

    def case_9(self, case):  # QP with soft breaks everywhere, transfer encodings in upper case with trailing blanks
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers(rnd.choice(["free", "orange", "laposte"]), coop["mandataire"], coop["email"],
                         "Coopérative %s - documents" % coop["numero"])
        body = "Bonjour,\nPour la coopérative %s (%s), voici le quitus signé et le relevé au 31 août.\nBien à vous,\n%s" % (
            coop["numero"], coop["ecole"], coop["mandataire"])
        cs = rnd.choice(["utf-8", "latin-1"])
        text = part(["Content-Type: TEXT/PLAIN; charset=%s" % {"utf-8": "UTF-8", "latin-1": "iso-8859-1"}[cs],
                     "Content-Transfer-Encoding: %s" % rnd.choice(["QUOTED-PRINTABLE", "Quoted-Printable ", "quoted-printable\t"])],
                    qp_soft(body, cs, rnd))
        atts = []
        for (n, m, d), _ in files:
            atts.append(part(["Content-Type: %s; name=\"%s\"" % (m.upper() if rnd.random() < 0.5 else m, n),
                              "Content-Disposition: ATTACHMENT; FILENAME=\"%s\"" % n if rnd.random() < 0.5 else "Content-Disposition: attachment; filename=\"%s\"" % n,
                              "Content-Transfer-Encoding: %s" % rnd.choice(["BASE64", "Base64  ", "base64 "])], b64(d, rnd.choice([76, 64, None]))))
        self.write(case, "webmail", h, multipart("mixed", self.bnd("webmail"), [text] + atts), files, coop["numero"], "documents")

    def case_10(self, case):  # ISO-8859-1 / windows-1252 subjects and bodies, encoded or raw 8-bit
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        cs = rnd.choice(["latin-1", "cp1252"])
        raw8 = rnd.random() < 0.5
        subject = "Coopérative %s – pièces" % coop["ecole"] if cs == "cp1252" else "Coopérative %s : pièces" % coop["ecole"]
        body = "Bonjour,\n« Coopérative %s » : vous trouverez le quitus et le relevé d’août ci-joints.\nMerci, très cordialement.\n%s" % (
            coop["ecole"], coop["mandataire"])
        if cs == "latin-1":
            body = body.replace("’", "'")
        h = self.headers(rnd.choice(["orange", "outlook"]), coop["mandataire"], coop["email"], subject,
                         {"latin-1": "ISO-8859-1", "cp1252": "windows-1252"}[cs], raw_8bit=raw8)
        text = part(["Content-Type: text/plain; charset=%s" % {"latin-1": "iso-8859-1", "cp1252": "windows-1252"}[cs],
                     "Content-Transfer-Encoding: %s" % ("8bit" if raw8 else "quoted-printable")],
                    body.replace("\n", CRLF) if raw8 else mc.qp(body, cs))
        atts = [self.attach(n, m, d) for (n, m, d), _ in files]
        raw = CRLF.join(h) + CRLF + multipart("mixed", self.bnd("webmail"), [text] + atts)
        # The whole mail in the charset's bytes (headers and body), the base64 parts being ASCII.
        data = raw.encode({"latin-1": "latin-1", "cp1252": "cp1252"}[cs], "replace")
        self.add(case, "8bit-" + cs, "", h, files, coop["numero"], "documents", raw=data)

    def colleague_mail(self, other):
        return ("Bonjour à tous,\nPour la coopérative %s (%s), notre quitus est parti hier avec le relevé.\n"
                "Pensez à faire signer le parent élu !\n%s\nMandataire coop %s" % (other["numero"], other["ecole"], other["mandataire"], other["numero"]))

    def case_11(self, case):  # reply in a thread whose quoted text names another cooperative
        rnd = self.rnd
        coop = rnd.choice(self.single)
        other = rnd.choice([c for c in self.coops if c is not coop])
        with_docs = rnd.random() < 0.6
        files = self.docs(coop) if with_docs else []
        client = rnd.choice(["gmail", "thunderbird", "outlook", "iphone"])
        reply = "Bonjour,\nMerci pour l'info, je fais pareil : %s\n%s" % (
            "voici nos documents." if with_docs else "je vous envoie tout la semaine prochaine.", coop["first"])
        if client == "outlook":
            quoted = "\n\nDe : %s <%s>\nEnvoyé : mardi 21 septembre 2021 09:12\nÀ : ad75@occe.coop; %s\nObjet : Quitus coopérative %s\n\n%s" % (
                other["mandataire"], other["email"], coop["email"], other["numero"], self.colleague_mail(other))
        else:
            quoted = "\n\nLe mar. 21 sept. 2021 à 09:12, %s <%s> a écrit :\n" % (other["mandataire"], other["email"]) + "\n".join(
                "> " + l for l in self.colleague_mail(other).split("\n"))
        h = self.headers(client, coop["mandataire"], coop["email"], "Re: Quitus coopérative %s" % other["numero"])
        h.append("In-Reply-To: <%x@mail.gmail.com>" % rnd.getrandbits(64))
        body = self.text(reply + quoted, "cp1252" if client == "outlook" else "utf-8")
        if files:
            body = multipart("mixed", self.bnd("gmail"), [body] + [self.attach(n, m, d) for (n, m, d), _ in files])
        self.write(case, client, h, body, files, coop["numero"], "documents" if files else "message")

    def signature(self, coop):
        rnd = self.rnd
        pc = "750%02d" % rnd.randint(1, 20)
        return ("\n\n-- \n%s\nDirectrice, mandataire de la coopérative\n%s\n%d rue %s\n%s Paris\nTél. : 01 %02d %02d %02d %02d\nPort. 06 %02d %02d %02d %02d"
                % (coop["mandataire"], coop["ecole"], rnd.randint(1, 120), rnd.choice(mc.STREETS), pc, *[rnd.randint(0, 99) for _ in range(8)]))

    def case_12(self, case):  # signature blocks with a phone number, a postcode, a street number
        rnd = self.rnd
        coop = rnd.choice(self.single)
        unregistered = rnd.random() < 0.4
        files = self.docs(coop)
        if unregistered:
            name, addr = coop["mandataire"], "%s.perso%d@%s" % (mc.ascii_upper(coop["last"]).lower(), rnd.randint(1, 99), rnd.choice(["gmail.com", "yahoo.fr"]))
        else:
            name, addr = coop["mandataire"], coop["email"]
        client = rnd.choice(["gmail", "thunderbird", "outlook", "orange"])
        h = self.headers(client, name, addr, rnd.choice(["Documents", "quitus + relevé", "Pièces demandées"]))
        body = "Bonjour,\nCi-joint les documents de fin d'exercice." + self.signature(coop)
        parts = [self.text(body, "cp1252" if client == "outlook" else "utf-8")] + [self.attach(n, m, d) for (n, m, d), _ in files]
        self.write(case, client, h, multipart("mixed", self.bnd("gmail"), parts), files, coop["numero"], "documents")

    def case_13(self, case):  # a multifunction copier's scan-to-mail
        rnd = self.rnd
        coop = rnd.choice(self.single)
        (n, m, d), label = self.quitus(coop, "scan150") if rnd.random() < 0.5 else self.statement(coop, "scan150")
        name = "%s%010d.pdf" % (rnd.choice(["doc", "SCAN", "Numérisation_"]), rnd.randint(0, 10 ** 10 - 1))
        addr = rnd.choice(["copieur.ecole%d@ac-paris.fr" % rnd.randint(1, 99), "scanner@ecole-%d.fr" % rnd.randint(1, 99)])
        date, _ = mc.mail_date(rnd)
        mid = "<%d.%d.JavaMail.scanner@%s>" % (rnd.randint(10 ** 8, 10 ** 9), rnd.randint(1, 99), addr.split("@")[1])
        h = ["From: %s" % addr, "To: %s" % OCCE, "Subject: %s" % rnd.choice(["Numérisé depuis un Xerox WorkCentre", "Scan", "Message de KM_C308"]),
             "Date: %s" % date, "Message-ID: %s" % mid, "MIME-Version: 1.0", "X-Mailer: Xerox WorkCentre 6515"]
        h[2] = "Subject: %s" % mc.word(h[2][9:])
        if rnd.random() < 0.5:  # the whole mail is the PDF
            body = "Content-Type: application/pdf; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n" % (name, name, b64(d))
        else:
            body = multipart("mixed", self.bnd("webmail"), [
                self.text("Please open the attached document. It was scanned and sent to you using a Xerox Multifunction Printer.\n", cte="7bit"),
                self.attach(name, "application/pdf", d)])
        self.write(case, "copieur", h, body, [((name, m, d), label)], coop["numero"], "documents")

    def case_14(self, case):  # S/MIME multipart/signed around the mail
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers("outlook", coop["mandataire"], coop["email"], "Documents coopérative", "windows-1252")
        inner = multipart("mixed", self.bnd("outlook"), [self.text(self.body_for(coop), "cp1252")] + [self.attach(n, m, d) for (n, m, d), _ in files])
        sig = part(["Content-Type: application/pkcs7-signature; name=\"smime.p7s\"", "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; filename=\"smime.p7s\""], b64(bytes(rnd.getrandbits(8) for _ in range(900))))
        body = multipart("signed", self.bnd("outlook"), [inner, sig], "; protocol=\"application/pkcs7-signature\"; micalg=sha-256")
        self.write(case, "outlook-smime", h, body, files, coop["numero"], "documents",
                   extra_docs=[("smime.p7s", "application/pkcs7-signature", b"")])

    def case_15(self, case):  # a zip of the documents
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        zname = rnd.choice(["documents.zip", "Coopérative.zip", "CRF 2021.zip"])
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for (n, m, d), _ in files:
                z.writestr(n, d)
        h = self.headers(rnd.choice(["orange", "gmail", "outlook"]), coop["mandataire"], coop["email"], "documents coop")
        parts = [self.text(self.body_for(coop)), self.attach(zname, "application/zip" if rnd.random() < 0.6 else "application/x-zip-compressed", buf.getvalue())]
        inner = [(("%s/%s" % (zname, n), m, d), label) for (n, m, d), label in files]
        self.write(case, "zip", h, multipart("mixed", self.bnd("webmail"), parts), inner, coop["numero"], "documents")


    def case_16(self, case):  # saved from Thunderbird: a From_ line, X-Mozilla headers, LF line endings
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers("thunderbird", coop["mandataire"], coop["email"], "Documents coopérative")
        date = next(x for x in h if x.startswith("Date:"))[6:]
        import email.utils
        stamp = email.utils.parsedate_to_datetime(date).strftime("%a %b %d %H:%M:%S %Y")
        pre = ["From - %s" % stamp, "X-Mozilla-Status: 0001", "X-Mozilla-Status2: 00000000", "X-Mozilla-Keys:"]
        body = multipart("mixed", self.bnd("thunderbird"), [self.text(self.body_for(coop), cte="8bit")] + [
            self.attach(n, m, d) for (n, m, d), _ in files])
        raw = (CRLF.join(pre + h) + CRLF + body).replace(CRLF, "\n")
        self.add(case, "thunderbird-saved", "", h, files, coop["numero"], "documents", raw=raw.encode("utf-8"))

    def case_17(self, case):  # Date headers as other servers and clients write them, under Received lines
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        client = rnd.choice(["orange", "free", "laposte", "gmail"])
        h = self.headers(client, coop["mandataire"], coop["email"], "documents de la coopérative")
        import email.utils
        i = next(k for k, x in enumerate(h) if x.startswith("Date:"))
        d = email.utils.parsedate_to_datetime(h[i][6:])
        style = rnd.choice(["no-weekday", "comment", "two-digit-year", "no-seconds", "gmt", "no-space", "single-digit-day", "ut"])
        date = {"no-weekday": d.strftime("%d %b %Y %H:%M:%S +0200"), "comment": d.strftime("%a, %d %b %Y %H:%M:%S +0200 (CEST)"),
                "two-digit-year": d.strftime("%a, %d %b %y %H:%M:%S +0200"), "no-seconds": d.strftime("%a, %d %b %Y %H:%M +0200"),
                "gmt": (d - mc.datetime.timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S GMT"),
                "no-space": d.strftime("%a,%d %b %Y %H:%M:%S +0200"),
                "single-digit-day": d.strftime("%a, ") + str(d.day) + d.strftime(" %b %Y %H:%M:%S +0200"),
                "ut": (d - mc.datetime.timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S UT")}[style]
        h[i] = "Date: " + date
        received = (d + mc.datetime.timedelta(seconds=rnd.randint(2, 90))).strftime("%a, %d %b %Y %H:%M:%S +0200")
        h = ["Return-Path: <%s>" % coop["email"],
             "Received: from smtp.%s (smtp.%s [192.0.2.%d])\r\n\tby mx1.occe.coop (Postfix) with ESMTPS id 4H%06X\r\n\tfor <%s>; %s"
             % (coop["email"].split("@")[1], coop["email"].split("@")[1], rnd.randint(1, 250), rnd.getrandbits(24), OCCE, received)] + h
        body = multipart("mixed", self.bnd("webmail"), [self.text(self.body_for(coop))] + [self.attach(n, m, d2) for (n, m, d2), _ in files])
        self.write(case, client + "-" + style, h, body, files, coop["numero"], "documents")

    def case_18(self, case):  # boundaries with spaces and '=', unquoted ones, preambles and epilogues
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        style = rnd.choice(["notes", "express", "unquoted"])
        bnd = {"notes": "=_mixed 0036A1B2C12587%02X_=" % rnd.getrandbits(8), "express": "----=_NextPart_000_%04X_01D7B3C4.5E6F7A80" % rnd.getrandbits(16),
               "unquoted": "Boundary_%08x" % rnd.getrandbits(32)}[style]
        h = self.headers(rnd.choice(["outlook", "orange"]), coop["mandataire"], coop["email"], "Pièces coopérative", "windows-1252")
        ct = "Content-Type: multipart/mixed; boundary=%s" % (bnd if style == "unquoted" else '"%s"' % bnd)
        parts = [self.text(self.body_for(coop), "cp1252")] + [self.attach(n, m, d) for (n, m, d), _ in files]
        body = (ct + "\r\n\r\n" + rnd.choice(["This is a multi-part message in MIME format.\r\n", "Ceci est un message en plusieurs parties au format MIME.\r\n\r\n", ""])
                + "".join("--%s\r\n%s\r\n" % (bnd, p) for p in parts) + "--%s--\r\n" % bnd
                + rnd.choice(["", "\r\n", "Fin du message.\r\n"]))
        self.write(case, "boundary-" + style, h, body, files, coop["numero"], "documents")

    def case_19(self, case):  # declared types that are not the file's (the reader sniffs the bytes)
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        h = self.headers(rnd.choice(["orange", "free", "laposte", "gmail"]), coop["mandataire"], coop["email"], "Documents")
        parts = [self.text(self.body_for(coop))]
        renamed = []
        for (n, m, d), label in files:
            if m == "application/pdf":
                media = rnd.choice(["application/x-pdf", "application/acrobat", "application/download", "binary/octet-stream", "application/force-download", None])
            else:
                media = rnd.choice(["image/jpg", "image/pjpeg", "application/octet-stream", None])
            if rnd.random() < 0.4:
                stem, _, ext = n.rpartition(".")
                n = "%s.%s" % (stem, ext.upper())
            heads = ([] if media is None else ["Content-Type: %s; name=\"%s\"" % (media, mc.word(n))]) + [
                "Content-Disposition: attachment; filename=\"%s\"" % mc.word(n), "Content-Transfer-Encoding: base64"]
            parts.append(part(heads, b64(d)))
            renamed.append(((n, m, d), label))
        self.write(case, "webmail", h, multipart("mixed", self.bnd("webmail"), parts), renamed, coop["numero"], "documents")

    def case_20(self, case):  # a forward whose message/rfc822 part is itself base64-encoded (seen from Exchange)
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = self.docs(coop)
        inner_h = self.headers("outlook", coop["mandataire"], coop["email"], "quitus et relevé", "windows-1252")
        inner = CRLF.join(inner_h) + CRLF + multipart("mixed", self.bnd("outlook"), [self.text(self.body_for(coop), "cp1252")] + [
            self.attach(n, m, d) for (n, m, d), _ in files])
        h = self.headers("outlook", "Secrétariat", "ce.07513%02dz@ac-paris.fr" % rnd.randint(10, 99), "TR: quitus et relevé", "windows-1252")
        body = multipart("mixed", self.bnd("outlook"), [
            self.text("Pour suite à donner.", "cp1252"),
            part(["Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "Content-Disposition: attachment"],
                 b64(inner.encode("utf-8")))])
        self.write(case, "outlook-rfc822-base64", h, body, files, coop["numero"], "documents")


if __name__ == "__main__":
    mc.main(ClientMails, 40, __doc__)
