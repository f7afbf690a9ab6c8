/// One signer's box on the quitus (« emplacement de signature »).
public enum SignaturePlace: String, Codable, Sendable, CaseIterable {
    case mandataire
    case parent
    case teacher

    /// « le mandataire », « le parent d'élève élu », « l'enseignant ».
    public var french: String {
        switch self {
        case .mandataire: return "le mandataire"
        case .parent: return "le parent d'élève élu"
        case .teacher: return "l'enseignant"
        }
    }

    /// « du mandataire », « du parent d'élève élu », « de l'enseignant ».
    public var frenchOf: String {
        switch self {
        case .mandataire: return "du mandataire"
        case .parent: return "du parent d'élève élu"
        case .teacher: return "de l'enseignant"
        }
    }
}

/// What was seen in a signature place once the printed words and box lines are set aside.
public enum SignatureVerdict: String, Codable, Sendable {
    /// Handwritten ink (or a drawn signature in a PDF).
    case signed
    /// No mark beyond printed text, stamps and lines.
    case empty
    /// The place could not be found, or what is there cannot be told apart.
    case unreadable

    /// « signé », « vide », « illisible ».
    public var french: String {
        switch self {
        case .signed: return "signé"
        case .empty: return "vide"
        case .unreadable: return "illisible"
        }
    }
}

/// The page of an attachment whose signature places were inspected, as it was read (to show them again).
public struct SigningPage: Hashable, Codable, Sendable {
    /// 1-based page of the attachment.
    public var number: Int
    /// Clockwise rotation that put it upright.
    public var rotation: Int
    /// Whether its words came from the PDF text layer (else OCR).
    public var textLayer: Bool
    /// Size in pixels of the raster the places were found and measured on (nil in readings stored before it was
    /// kept): the places' boxes are in its pixels.
    public var rasterWidth: Int?
    public var rasterHeight: Int?

    public init(number: Int, rotation: Int, textLayer: Bool) {
        self.init(number: number, rotation: rotation, textLayer: textLayer, rasterWidth: nil, rasterHeight: nil)
    }

    public init(number: Int, rotation: Int, textLayer: Bool, rasterWidth: Int?, rasterHeight: Int?) {
        self.number = number
        self.rotation = rotation
        self.textLayer = textLayer
        self.rasterWidth = rasterWidth
        self.rasterHeight = rasterHeight
    }
}

/// One signature place's verdict and the measure it was decided on (the share of the place's width spanned by
/// handwritten marks: 0 when nothing, about 0.3–0.9 for a signature).
public struct SignatureReading: Hashable, Codable, Sendable {
    public var place: SignaturePlace
    public var verdict: SignatureVerdict
    public var measure: Double
    /// Where the place was found on the signing page's raster (nil when it was not found, or in readings stored
    /// before it was kept).
    public var box: PlaceBox?

    public init(place: SignaturePlace, verdict: SignatureVerdict, measure: Double) {
        self.init(place: place, verdict: verdict, measure: measure, box: nil)
    }

    public init(place: SignaturePlace, verdict: SignatureVerdict, measure: Double, box: PlaceBox?) {
        self.place = place
        self.verdict = verdict
        self.measure = measure
        self.box = box
    }
}
