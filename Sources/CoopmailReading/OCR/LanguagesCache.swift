/// Whether tesseract's `osd` data is installed, asked once per process.
actor LanguagesCache {
    var osd: Bool?
    func set(_ value: Bool) { osd = value }
}
