import ArgumentParser
import Foundation
import Accelerator
import Runtime

/// `vggc targets [NAME]`: the built-in hardware presets, or one as JSON to start a config from.
struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the hardware presets, or print one (or a JSON config file, validated) as JSON.",
        discussion: "Save a preset's JSON, edit it and pass the file to `vggc compile --target FILE.json`."
    )

    @Argument(help: "A preset name or a config file to print as JSON.")
    var target: String?

    func run() throws {
        guard let target else {
            for preset in HardwareConfig.presets {
                let array = preset.array
                print("\(preset.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(array.macsPerCycle) MACs/cycle "
                      + "(Po \(array.po) × Pi \(array.pi) × Pk \(array.pk) × Pp \(array.pp)) at \(preset.clockMHz) MHz, "
                      + "SRAM \(preset.totalSRAMBytes / 1024) KiB, DRAM \(preset.dram.bytesPerCycle) B/cycle, \(preset.features.arithmetic)")
                print("          \(preset.source)")
            }
            return
        }
        let config = try reportingErrors { try HardwareConfig.load(target: target) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(config), as: UTF8.self))
    }
}
