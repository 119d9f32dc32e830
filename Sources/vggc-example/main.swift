import Foundation
import Accelerator
import VGGCKit

// Compile the shipped LeNet for the DE1-SoC preset, calibrated on 40 MNIST images.
let options = CompileOptions(
    target: try HardwareConfig.load(target: "de1soc"),
    calibration: .images(directory: URL(fileURLWithPath: "models/mnist/calib"), count: 40),
    labels: try ClassLabels.load(URL(fileURLWithPath: "models/mnist/labels.txt")))
let compilation = try Compiler(options: options).compile(modelAt: URL(fileURLWithPath: "models/lenet_de1soc.onnx"))
guard let model = compilation.model else { fatalError("without stopAfter every stage runs") }

// Run one test image on the accelerator model: top-1 label and modeled cycles.
let session = try Session(model: model)
let inference = try session.run(imageAt: URL(fileURLWithPath: "models/mnist/test/0002_0.png"))
let best = session.rank(inference, top: 1)[0].top[0]
print("top-1: \(best.label), \(inference.cycles) modeled cycles")
