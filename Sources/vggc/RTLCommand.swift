import ArgumentParser
import Accelerator
import Foundation
import RTL

/// `vggc rtl --target T -o DIR`: writes the reference RTL of a hardware config.
struct RTLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rtl",
        abstract: "Write the reference RTL (SystemVerilog) of a hardware config, with its Verilator testbench.",
        discussion: """
            Writes the generated packages vggc_isa_pkg.sv (opcodes, field positions and widths from the ISA's \
            field tables) and vggc_config_pkg.sv (the config's parameters), the hand-written SystemVerilog, the \
            Verilator testbench tb/vggc_tb.cpp with vggc_config.h, and manifest.json naming the top module and \
            the files in compile order. Build: verilator --cc --exe --build --top-module vggc_top -CFLAGS -I$PWD \
            <files> tb/vggc_tb.cpp (see `vggc cosim`).
            """
    )

    @Option(help: "A preset name or a JSON config file.")
    var target: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write into (created when missing).", valueName: "dir"))
    var output: String

    @Flag(help: "Print the manifest as JSON.")
    var json = false

    func run() throws {
        let bundle = try reportingErrors { try RTLBundle(config: try HardwareConfig.load(target: target)) }
        try reportingErrors { try bundle.write(to: URL(fileURLWithPath: output)) }
        if json {
            print(try bundle.manifestJSON(), terminator: "")
        } else {
            let files = try bundle.files()
            print("wrote \(files.count) files for \(bundle.config.name) to \(output): top \(bundle.manifest.top), "
                  + "\(bundle.manifest.files.count) SystemVerilog files, testbench \(bundle.manifest.testbench)")
        }
    }
}
