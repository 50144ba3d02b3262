// Call overhead of one assessment from Swift: median per call over rounds.
import Foundation

let catalog = try Catalog.toolbox()
let profile = Profile(offers: ["computer-labs", "wifi-access", "digital-resources", "basic-computer-training"])
let calls = 2_000
for _ in 0..<5 { for _ in 0..<calls { _ = try! catalog.assess(profile: profile) } }
var perCall: [Double] = []
for _ in 0..<21 {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { _ = try! catalog.assess(profile: profile) }
    perCall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000.0 / Double(calls))
}
perCall.sort()
print(String(format: "swift assess: median %.2f us per call (min %.2f, max %.2f; 21 rounds of %d)", perCall[10], perCall[0], perCall[20], calls))
