import ArgumentParser
import Foundation
import Accelerator
import Runtime

/// `vggc targets [NAME]`: the built-in hardware presets, or one as JSON to start a config from.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the hardware presets, or print one (or a JSON config file, validated) as JSON.",
        discussion: """
            Each preset is a JSON file in Sources/Accelerator/Presets named NN-<name>.json; the list follows the \
            file names (NN, two digits, places a preset); the files are compiled into vggc. Save a preset's \
            JSON, edit it and pass the file to `vggc compile --target FILE.json`. A config file is read strictly: \
            every key must be present and of its type, an unknown key is refused naming its path \
            (dram.bandwidth: unknown key), features.arithmetic must name an arithmetic mode, and sizes must be \
            positive. A target with features.lutActivations false has no lookup-table stage: the compiler refuses \
            sigmoid, tanh and other table layers for it.
            """
    )

    @Argument(help: "A preset name or a config file to print as JSON.")
    var target: String?

    @Flag(help: "Print the list as JSON: every preset's config, in list order.")
    var json = false

    func run() throws {
        if let target {
            print(try Self.render(try reportingErrors { try HardwareConfig.load(target: target) }))
        } else if json {
            print(try Self.render(HardwareConfig.presets))
        } else {
            HardwareConfig.presets.forEach(Self.printSummary)
        }
    }

    /// Pretty-printed JSON with sorted keys (`vggc explore --json` prints with it too).
    static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Two lines: the preset's figures, then its `source`.
    private static func printSummary(_ preset: HardwareConfig) {
        let array = preset.array
        print("\(preset.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(array.macsPerCycle) MACs/cycle "
              + "(Po \(array.po) × Pi \(array.pi) × Pk \(array.pk) × Pp \(array.pp)) at \(preset.clockMHz) MHz, "
              + "SRAM \(preset.totalSRAMBytes / 1024) KiB, DRAM \(preset.dram.bytesPerCycle) B/cycle, \(preset.arithmetic.rawValue)"
              + (preset.features.lutActivations ? ", LUT activations" : ""))
        print("          \(preset.source)")
    }
}
