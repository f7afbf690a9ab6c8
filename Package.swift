// swift-tools-version: 6.2
import PackageDescription

// Swift 5 language mode everywhere: the C libraries (GMime, libcurl, libmagic) are not Sendable-annotated.
let settings: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "coopmail",
    products: [
        .executable(name: "coopmail", targets: ["coopmail"]),
        // The stages the in-process micro-benchmarks (Benchmarks/Package.swift, ordo-one/benchmark) call.
        .library(name: "CoopmailStages", targets: ["CoopmailDomain", "CoopmailClassification", "CoopmailMIME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // C libraries from Debian, with typed shims for their variadic or macro APIs.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // French text: folding, words, edit distance, amounts, dates, plurals. Depends on nothing of ours.
        .target(name: "CoopmailText", swiftSettings: settings),
        // Pipeline stages, data flowing one way.
        .target(name: "CoopmailDomain", dependencies: ["CoopmailText"], swiftSettings: settings),
        .target(
            name: "CoopmailStore",
            dependencies: [
                "CoopmailDomain", "CCrypto", "CLinux", .product(name: "GRDB", package: "GRDB.swift"),
            ], swiftSettings: settings),
        // One libcurl easy handle with its callbacks, shared by the IMAP poller and the SMTP sender.
        .target(name: "CoopmailCurl", dependencies: ["CCurl"], swiftSettings: settings),
        .target(name: "CoopmailMIME", dependencies: ["CoopmailDomain", "CGMime"], swiftSettings: settings),
        .target(
            name: "CoopmailIntake",
            dependencies: [
                "CoopmailDomain", "CoopmailCurl", .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: settings),
        .target(
            name: "CoopmailReading",
            dependencies: [
                "CoopmailDomain", "CoopmailText", "CMagic", .product(name: "Subprocess", package: "swift-subprocess"),
            ], swiftSettings: settings),
        .target(
            name: "CoopmailClassification", dependencies: ["CoopmailDomain", "CoopmailText"], swiftSettings: settings),
        .target(name: "CoopmailLedger", dependencies: ["CoopmailDomain", "CoopmailText"], swiftSettings: settings),
        .target(
            name: "CoopmailDossier",
            dependencies: ["CoopmailDomain", "CoopmailText", "CoopmailLedger", "CoopmailStore"],
            swiftSettings: settings),
        .target(
            name: "CoopmailOutcome",
            dependencies: [
                "CoopmailDomain", "CoopmailCurl", "CGMime", .product(name: "Mustache", package: "swift-mustache"),
            ], swiftSettings: settings),
        // Orchestration of the stages (ingest, export, import, config); the CLI stays thin over it.
        .target(
            name: "CoopmailApp",
            dependencies: [
                "CoopmailDomain", "CoopmailText", "CoopmailStore", "CoopmailMIME", "CoopmailIntake", "CoopmailReading",
                "CoopmailClassification", "CoopmailLedger", "CoopmailDossier", "CoopmailOutcome",
                .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "CSV", package: "CSV.swift"),
            ], swiftSettings: settings),
        // The persistent OCR worker run by CoopmailReading: libtesseract with the model loaded once (C, Debian's
        // libtesseract-dev and libleptonica-dev).
        // Optimised in debug builds too: it enlarges and reads page rasters pixel by pixel.
        .executableTarget(
            name: "coopmail-ocr", cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [
                .linkedLibrary("tesseract"), .linkedLibrary("lept"), .linkedLibrary("m"),
            ]),
        // Whole-pipeline fuzzing of mutated mails (scripts/fuzz.sh, `make fuzz`; a short campaign in `make test`).
        .executableTarget(name: "coopmail-fuzz", dependencies: ["CoopmailApp"], swiftSettings: settings),
        .executableTarget(
            name: "coopmail",
            dependencies: [
                "CoopmailApp", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: settings),

        // Helpers shared by the test targets (deterministic random generator).
        .target(
            name: "CoopmailTestSupport", dependencies: ["CoopmailDomain"], path: "Tests/CoopmailTestSupport",
            swiftSettings: settings),
        .testTarget(
            name: "CoopmailTextTests", dependencies: ["CoopmailTestSupport", "CoopmailText"], swiftSettings: settings),
        .testTarget(name: "CoopmailDomainTests", dependencies: ["CoopmailDomain"], swiftSettings: settings),
        .testTarget(
            name: "CoopmailStoreTests", dependencies: ["CoopmailTestSupport", "CoopmailStore"], swiftSettings: settings),
        .testTarget(
            name: "CoopmailMIMETests", dependencies: ["CoopmailTestSupport", "CoopmailMIME"], swiftSettings: settings),
        .testTarget(name: "CoopmailIntakeTests", dependencies: ["CoopmailIntake"], swiftSettings: settings),
        .testTarget(
            name: "CoopmailReadingTests",
            dependencies: ["CoopmailTestSupport", "CoopmailReading", "CoopmailClassification"], swiftSettings: settings),
        .testTarget(
            name: "CoopmailClassificationTests", dependencies: ["CoopmailTestSupport", "CoopmailClassification"],
            swiftSettings: settings),
        .testTarget(
            name: "CoopmailLedgerTests", dependencies: ["CoopmailTestSupport", "CoopmailLedger"],
            swiftSettings: settings),
        .testTarget(
            name: "CoopmailOutcomeTests", dependencies: ["CoopmailTestSupport", "CoopmailOutcome", "CoopmailMIME"],
            swiftSettings: settings),
        .testTarget(
            name: "CoopmailAppTests", dependencies: ["CoopmailTestSupport", "CoopmailApp"], swiftSettings: settings),
        // Against real Dovecot and Postfix on loopback (scripts/mailservers.sh).
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "CoopmailIntake", "CoopmailOutcome", "CoopmailApp", "CoopmailStore", "CoopmailDomain",
                "CoopmailTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ], swiftSettings: settings),
        .testTarget(
            name: "CoopmailDossierTests", dependencies: ["CoopmailTestSupport", "CoopmailDossier", "CoopmailApp"],
            swiftSettings: settings),
        // Runs the built `coopmail` binary as staff would (swift build --build-tests builds it too).
        .testTarget(
            name: "CoopmailCLITests", dependencies: ["CoopmailStore", "CoopmailDomain", "CoopmailTestSupport"],
            swiftSettings: settings),
    ]
)
