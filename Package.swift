// swift-tools-version:6.2
import PackageDescription

/// Settings every Vigil target shares: Swift 6 language mode, warnings are errors.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "VigilCore", swiftSettings: strict),
        .target(name: "VigilStore", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(name: "VigilAnalytics", dependencies: ["VigilCore"], swiftSettings: strict),
        .target(
            name: "VigilMQTT",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        .target(
            name: "VigilSQLite",
            dependencies: ["VigilStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "VigilPostgres",
            dependencies: [
                "VigilStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilSecurity",
            dependencies: [
                "VigilStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilMonitoring",
            dependencies: [
                "VigilStore", "VigilAnalytics",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilGateway",
            dependencies: [
                "VigilStore", "VigilSecurity", "VigilMonitoring", "VigilMQTT",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilIntegrations",
            dependencies: [
                "VigilStore", "VigilSecurity",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "VigilWeb",
            dependencies: [
                "VigilStore", "VigilSecurity", "VigilGateway", "VigilMonitoring", "VigilAnalytics", "VigilIntegrations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(name: "VigilSimulator", dependencies: ["VigilCore", "VigilAnalytics"], swiftSettings: strict),
        .target(
            name: "VigilApp",
            dependencies: [
                "VigilWeb", "VigilGateway", "VigilMonitoring", "VigilSQLite", "VigilPostgres", "VigilSecurity",
                "VigilIntegrations", "VigilSimulator",
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilApp", "VigilIntegrations", "VigilSimulator", "VigilSecurity", "VigilMQTT",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vigil-bench",
            dependencies: [
                "VigilApp", "VigilSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "VigilMQTT",
            ],
            path: "Benchmarks/vigil-bench",
            swiftSettings: strict
        ),
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore"], swiftSettings: strict),
        .testTarget(name: "VigilAnalyticsTests", dependencies: ["VigilAnalytics"], swiftSettings: strict),
        .testTarget(
            name: "VigilMQTTTests",
            dependencies: [
                "VigilMQTT",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VigilStoreTests",
            dependencies: [
                "VigilSQLite", "VigilPostgres", "VigilSecurity", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "vigil-crash-harness",
            dependencies: ["VigilSQLite", "VigilSecurity"],
            path: "Tests/CrashHarness",
            swiftSettings: strict
        ),
        .testTarget(name: "VigilSecurityTests", dependencies: ["VigilSecurity"], swiftSettings: strict),
        .testTarget(
            name: "VigilMonitoringTests", dependencies: ["VigilMonitoring", "VigilAnalytics", "VigilSQLite", "VigilSecurity"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VigilGatewayTests",
            dependencies: ["VigilCore", "VigilGateway", "VigilMQTT", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VigilWebTests",
            dependencies: [
                "VigilApp", "VigilSimulator",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VigilAppTests",
            dependencies: ["VigilApp", "VigilSimulator", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: strict),
        .testTarget(
            name: "VigilSimulatorTests", dependencies: ["VigilSimulator", "VigilGateway", "VigilCore"],
            swiftSettings: strict),
        .testTarget(
            name: "VigilIntegrationsTests",
            dependencies: [
                "VigilIntegrations", "VigilSQLite", "VigilSecurity",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
    ]
)
