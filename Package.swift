// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "ovnip-top",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ovnip-top", targets: ["ovnip-top"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
  ],
  targets: [
    // MARK: - Pure core
    .target(name: "OvnipModel"),
    .target(name: "OvnipAccounting", dependencies: ["OvnipModel"]),
    .target(name: "OvnipDashboard", dependencies: ["OvnipAccounting", "OvnipModel"]),
    .target(name: "OvnipRender", dependencies: ["OvnipDashboard", "OvnipAccounting", "OvnipModel"]),
    .target(name: "OvnipScenario", dependencies: ["OvnipModel"]),

    // MARK: - Edges
    .systemLibrary(
      name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
    .target(name: "OvnipTerminal", dependencies: ["OvnipRender", "CNcursesw"]),
    .target(
      name: "OvnipKube",
      dependencies: [
        "OvnipModel",
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]),
    .target(
      name: "OvnipCleanup", dependencies: ["OvnipKube", "OvnipAccounting", "OvnipModel"]),
    .target(
      name: "OvnipStandIn",
      dependencies: [
        "OvnipScenario", "OvnipModel",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),

    // MARK: - Executables
    .executableTarget(
      name: "ovnip-top",
      dependencies: [
        "OvnipModel", "OvnipAccounting", "OvnipDashboard", "OvnipRender", "OvnipTerminal",
        "OvnipKube", "OvnipCleanup", "OvnipStandIn", "OvnipScenario",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "ovnip-bench",
      dependencies: [
        "OvnipModel", "OvnipAccounting", "OvnipDashboard", "OvnipRender", "OvnipScenario",
        "OvnipKube", "OvnipStandIn",
      ]),

    // MARK: - Tests
    .target(
      name: "OvnipTestSupport",
      dependencies: ["OvnipModel", "OvnipAccounting", "OvnipStandIn", "OvnipScenario"],
      path: "Tests/OvnipTestSupport"),
    .testTarget(name: "OvnipModelTests", dependencies: ["OvnipModel"]),
    .testTarget(
      name: "OvnipAccountingTests", dependencies: ["OvnipAccounting", "OvnipModel"]),
    .testTarget(
      name: "OvnipDashboardTests",
      dependencies: ["OvnipDashboard", "OvnipAccounting", "OvnipTestSupport"]),
    .testTarget(
      name: "OvnipRenderTests",
      dependencies: ["OvnipRender", "OvnipDashboard", "OvnipAccounting", "OvnipTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "OvnipKubeTests", dependencies: ["OvnipKube", "OvnipModel", "OvnipTestSupport"]),
    .testTarget(
      name: "OvnipCleanupTests",
      dependencies: ["OvnipCleanup", "OvnipKube", "OvnipAccounting", "OvnipTestSupport"]),
    .testTarget(
      name: "OvnipStandInTests", dependencies: ["OvnipStandIn", "OvnipScenario", "OvnipTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["OvnipTestSupport"], exclude: ["Fixtures"]),
  ]
)
