// What one call into the Rust library costs from Swift: the same cases as Bench.kt's public
// ones, each the median over rounds of many calls after a warm-up. Run by scripts/bench-mobile.sh.
import Foundation

let catalog = try Catalog.toolbox()
let offers = ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"]
let profile = Profile(offers: offers)
let profileJson = "{\"offers\":[" + offers.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
var sink: Any? = nil

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Per-call microseconds: rounds of about 200 ms after `warmup` seconds.
func measure(_ body: () throws -> Any, rounds: Int = 15, warmup: Double = 2) rethrows -> [Double] {
    var calls = 1
    let warmupEnd = now() + UInt64(warmup * 1e9)
    while now() < warmupEnd {
        let start = now()
        for _ in 0..<calls { sink = try body() }
        if now() - start < 200_000_000 { calls *= 2 }
    }
    var perCall: [Double] = []
    for _ in 0..<rounds {
        let start = now()
        for _ in 0..<calls { sink = try body() }
        perCall.append(Double(now() - start) / 1000.0 / Double(calls))
    }
    return perCall.sorted()
}

let cases: [(String, String, () throws -> Any)] = [
    ("function", "contentVersion()", { contentVersion() }),
    ("method", "catalog.version()", { catalog.version() }),
    ("assess-json", "catalog.assessJson(profile:)", { try catalog.assessJson(profile: profileJson) }),
    ("assess", "catalog.assess(profile:)", { try catalog.assess(profile: profile) }),
]
print("swift call cost (median of 15 rounds of about 200 ms, after 2 s of warm-up)")
for (name, what, body) in cases {
    let t = try measure(body)
    let padded = name.padding(toLength: 12, withPad: " ", startingAt: 0)
    print("swift  \(padded) " + String(format: "median %10.3f us  (min %10.3f)  ", t[t.count / 2], t[0]) + what)
}
