// swift-tools-version: 6.1
// In-process micro-benchmarks with ordo-one/benchmark (wall clock, instructions, allocations), apart from the main
// package so that `make test` never builds them. Run: `make bench-micro` (or `swift package benchmark` here).
import PackageDescription

let package = Package(
    name: "coopmail-benchmarks",
    dependencies: [
        .package(name: "coopmail", path: ".."),
        // MallocInterposer gives the allocation counts; the runtime interposer (ARC counts) is not on this mirror.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Matching",
            dependencies: [
                .product(name: "CoopmailStages", package: "coopmail"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Matching",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Amounts",
            dependencies: [
                .product(name: "CoopmailStages", package: "coopmail"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Amounts",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
