import CFuzzerDriver
import Foundation
import FuzzHarnesses

// libFuzzer over one of vggc's loaders, chosen by VGGC_FUZZ_HARNESS (onnx, bin, config or image);
// every other argument is libFuzzer's (corpus folders, -max_total_time=…). Scripts/fuzz.sh runs it.
let harnessName = ProcessInfo.processInfo.environment["VGGC_FUZZ_HARNESS"] ?? ""
guard FuzzHarness(rawValue: harnessName) != nil else {
    FileHandle.standardError.write(Data("set VGGC_FUZZ_HARNESS to one of \(FuzzHarness.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
    exit(2)
}
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    FuzzHarness(rawValue: harnessName)?.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
})
