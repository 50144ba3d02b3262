// swift-tools-version:5.9
// Tests of the Swift bindings. scripts/test-swift.sh copies this package to target/uniffi/swift
// and adds the generated sources (Sources/SmartLib, Sources/SmartLibFFI) before `swift test`.
import PackageDescription

let package = Package(
    name: "SmartLibTests",
    targets: [
        .systemLibrary(name: "SmartLibFFI", path: "Sources/SmartLibFFI"),
        .target(
            name: "SmartLib",
            dependencies: ["SmartLibFFI"],
            linkerSettings: [.linkedLibrary("smartlib_uniffi")]
        ),
        .testTarget(name: "SmartLibTests", dependencies: ["SmartLib"]),
    ]
)
