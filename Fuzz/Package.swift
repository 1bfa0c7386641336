// swift-tools-version:6.2
// A libFuzzer harness for VigilMQTT's decoder, kept out of the root package
// because a `main`-less libFuzzer executable would break a plain `swift build`.
// `VigilMQTT` here is a symbolic link to the root package's sources (the root
// package exports no library product). Build and run with scripts/fuzz-mqtt.sh.
import PackageDescription

let package = Package(
    name: "VigilFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2")
    ],
    targets: [
        .target(
            name: "VigilMQTT",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            path: "VigilMQTT"
        ),
        .target(name: "CLibFuzzer", path: "CLibFuzzer"),
        .executableTarget(
            name: "MQTTDecoderFuzz",
            dependencies: ["VigilMQTT", "CLibFuzzer", .product(name: "NIOCore", package: "swift-nio")],
            path: "MQTTDecoderFuzz"
        ),
    ]
)
