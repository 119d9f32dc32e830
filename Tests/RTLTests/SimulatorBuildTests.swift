@testable import Cosimulation
import RTL
import Testing

/// The simulator cache's key: the SHA-256 of the files and the Verilator version.
struct SimulatorBuildTests {
    @Test func keyFollowsEveryByte() throws {
        let files = [RTLFile(path: "a.sv", contents: "module a; endmodule\n")]
        let key = try SimulatorBuild.contentKey(files, version: "Verilator 5.006")
        #expect(key.count == 64 && key.allSatisfy(\.isHexDigit))
        #expect(key == (try SimulatorBuild.contentKey(files, version: "Verilator 5.006")))
        #expect(key != (try SimulatorBuild.contentKey(files, version: "Verilator 5.020")))
        #expect(key != (try SimulatorBuild.contentKey([RTLFile(path: "a.sv", contents: "module b; endmodule\n")],
                                                      version: "Verilator 5.006")))
    }
}
