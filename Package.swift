// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
    ],
    targets: [
        // C shim over Debian's libcmark-gfm (core + GFM extensions).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The default theme, embedded from Themes/default/ at build time by the EmbedDefaultTheme plugin.
        .target(name: "DefaultTheme", plugins: ["EmbedDefaultTheme"]),
        .plugin(name: "EmbedDefaultTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .executableTarget(name: "ThemeEmbedder"),
        // Swift API over cmark-gfm: safe HTML rendering and a small block reader.
        .target(name: "Cmark", dependencies: ["CCmarkGFM"]),
        // The typed transcript model, layout detection and one parser per layout.
        .target(name: "TranscriptKit"),
        // Transcript <-> Markdown with YAML front matter.
        .target(name: "TranscriptMarkdown", dependencies: [
            "TranscriptKit", "Cmark", .product(name: "Yams", package: "Yams"),
        ]),
        // Events mentioned in calls: extraction rules over sentences, curation file, who asked for whom.
        .target(name: "EventKit", dependencies: [
            "TranscriptKit", .product(name: "Yams", package: "Yams"), .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // Config, content loading, pages, indexes and themes.
        .target(name: "SiteBuilder", dependencies: [
            "TranscriptKit", "TranscriptMarkdown", "Cmark", "EventKit", "DefaultTheme",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Algorithms", package: "swift-algorithms"),
        ]),
        // The preview server: file server, watcher, rebuilds and live reload.
        .target(name: "PreviewServer", dependencies: [
            "SiteBuilder", "TranscriptKit",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // One type per subcommand; the executable only calls into it.
        .target(name: "SitegenCommands", dependencies: [
            "TranscriptKit", "TranscriptMarkdown", "SiteBuilder", "PreviewServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "sitegen", dependencies: ["SitegenCommands"]),

        .testTarget(name: "CmarkTests", dependencies: ["Cmark"]),
        .testTarget(name: "TranscriptKitTests", dependencies: ["TranscriptKit"]),
        .testTarget(name: "TranscriptMarkdownTests", dependencies: ["TranscriptMarkdown", "TranscriptKit"]),
        .testTarget(name: "EventKitTests", dependencies: ["EventKit", "TranscriptKit"]),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "TranscriptKit", "DefaultTheme"]),
        .testTarget(name: "SitegenCommandsTests", dependencies: ["SitegenCommands", "TranscriptKit"]),
        .testTarget(name: "PreviewServerTests", dependencies: ["PreviewServer", "SiteBuilder", "TranscriptKit"]),
    ]
)
