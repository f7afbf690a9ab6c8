import Benchmark
import CoopmailDomain
import Foundation

// French amounts as statements and CRFs print them, parsed exactly to cents by `Money(french:)`, beside Foundation's
// `NumberFormatter` (fr_FR, decimal) on the same strings (the peer: what one would write without our parser; it
// parses fewer of them, and into a Double, which coopmail may not use for money). Ratios: `Benchmarks/micro.sh`.

let samples: [String] = {
    var out: [String] = []
    var x: UInt64 = 42
    for i in 0..<1000 {
        x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let cents = Int64(x >> 40) % 10_000_000
        let euros = cents / 100
        let rest = cents % 100
        let grouped = String(euros).reversed().enumerated().map {
            $0.offset > 0 && $0.offset % 3 == 0 ? "\($0.element)\u{202F}" : "\($0.element)"
        }
        .joined().reversed().map(String.init).joined()
        let decimals = rest < 10 ? "0\(rest)" : "\(rest)"
        switch i % 4 {
        case 0: out.append("\(grouped),\(decimals)")
        case 1: out.append("-\(euros),\(decimals)")
        case 2: out.append("\(grouped),\(decimals) €")
        default: out.append("\(euros),\(decimals)")
        }
    }
    return out
}()

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(3), maxIterations: 2000)
    Benchmark("parse 1000 French amounts, Money(french:)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { for s in samples { blackHole(Money(french: s)) } }
    }
    let formatter = NumberFormatter()
    formatter.locale = Locale(identifier: "fr_FR")
    formatter.numberStyle = .decimal
    Benchmark("parse 1000 French amounts, NumberFormatter fr_FR (peer)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { for s in samples { blackHole(formatter.number(from: s)) } }
    }
}
