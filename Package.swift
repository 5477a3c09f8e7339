// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage; data flows one way:
// Loading → Taxonomy → Site → Rendering (with Markdown) → Output, composed by BroadsheetKit.
let package = Package(
    name: "Broadsheet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "broadsheet", targets: ["BroadsheetCLI"]),
        .library(name: "BroadsheetKit", targets: ["BroadsheetKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // The C library allocator's settings, which Swift's Glibc module does not bring in.
        .target(name: "CAllocator"),
        .target(name: "Core"),
        .target(name: "Loading", dependencies: ["Core", "Yams"]),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "Taxonomy", dependencies: ["Core"]),
        .target(name: "Site", dependencies: ["Core", "Taxonomy"]),
        // Mustache templates compiled once and rendered from typed values.
        .target(name: "TemplateEngine"),
        .target(name: "Rendering", dependencies: ["Core", "Site", "Taxonomy", "TemplateEngine"]),
        .target(name: "Output", dependencies: ["Core", "Site"]),
        // What a build keeps in the cache folder for the next: readings, the site model, page
        // fingerprints, summaries and related articles.
        .target(name: "BuildCache", dependencies: ["Core", "Site", "Taxonomy", "Rendering"]),
        .target(name: "BroadsheetKit", dependencies: [
            "Core", "Loading", "Markdown", "Taxonomy", "Site", "Rendering", "Output", "BuildCache",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Serve", dependencies: [
            "BroadsheetKit", "Core",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "BroadsheetCLI", dependencies: [
            "BroadsheetKit", "Core", "Serve", "Loading", "Output", "CAllocator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Loader and taxonomy throughput (Benchmarks/loader-throughput runs it).
        .executableTarget(name: "LoaderBenchmark", dependencies: ["Loading", "Taxonomy", "Core"], path: "Benchmarks/LoaderBenchmark"),
        // swift-mustache, kept as the oracle TemplateEngine is tested and measured against.
        .target(name: "MustacheOracle", dependencies: [
            "TemplateEngine", .product(name: "Mustache", package: "swift-mustache"),
        ], path: "Benchmarks/MustacheOracle"),
        // Template rendering by TemplateEngine and swift-mustache, side by side (one core).
        .executableTarget(name: "TemplateBenchmark", dependencies: ["Rendering", "Site", "Core", "TemplateEngine", "MustacheOracle"],
                          path: "Benchmarks/TemplateBenchmark"),
        // libFuzzer target over the loader (Fuzz/run builds it with -sanitize=fuzzer).
        .executableTarget(name: "LoaderFuzzer", dependencies: ["Loading", "Taxonomy", "Core"], path: "Fuzz/LoaderFuzzer"),
        .testTarget(name: "LoadingTests", dependencies: ["Loading", "Core"], exclude: ["Fixtures"]),
        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(name: "BuildCacheTests", dependencies: ["BuildCache", "Core", "Site", "Taxonomy"]),
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine", "Core"], resources: [.copy("Spec")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TaxonomyTests", dependencies: ["Taxonomy", "Core"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Taxonomy", "Core"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Site", "Core", "TemplateEngine", "MustacheOracle"]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "Site", "Core"]),
        // The CLI is a dependency so that its binary exists for the test that kills a build mid-way.
        .testTarget(name: "BroadsheetKitTests", dependencies: ["BroadsheetKit", "Core", "Loading", "Site", "Taxonomy", "BroadsheetCLI"],
                    exclude: ["Golden", "Readers"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "BroadsheetKit", "Core"]),
    ]
)
