// swift-tools-version:5.9
// DriveKit: PDS and KooDrive for Swift, the drivekit core on URLSession (or any HttpTransport).
//
// The generated sources (Sources/DriveKit/Generated, Sources/*FFI) come from the Rust library; link that
// library (libdrivekit_uniffi, built by cargo for the Apple target) when building the package.
import PackageDescription

let package = Package(
    name: "DriveKit",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "DriveKit", targets: ["DriveKit"]),
    ],
    targets: [
        .systemLibrary(name: "drivekit_coreFFI", path: "Sources/drivekit_coreFFI"),
        .systemLibrary(name: "drivekit_uniffiFFI", path: "Sources/drivekit_uniffiFFI"),
        .target(name: "DriveKit", dependencies: ["drivekit_coreFFI", "drivekit_uniffiFFI"]),
        .testTarget(name: "DriveKitTests", dependencies: ["DriveKit"]),
    ]
)
