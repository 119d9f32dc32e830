import Foundation
import IR

/// Float convolution as im2col plus SGEMM per image and group (a 1×1, stride-1, unpadded
/// convolution multiplies the input directly). The bias and the fused activation are applied in one
/// pass over the output. A 1-D convolution runs as a 2-D one of height 1.
struct ConvKernel {
    private let batch: Int
    private let inputChannels: Int
    private let outputChannels: Int
    private let group: Int
    private let height: WindowGeometry.Axis
    private let width: WindowGeometry.Axis
    /// The Winograd plan, for 3×3, stride-1, undilated, ungrouped convolutions with enough channels.
    private let winograd: WinogradConvKernel?

    /// Plans the convolution of an input of shape `x` with weights of shape `w`.
    init(node: Node, x: Shape, w: Shape, attributes: ConvAttributes) throws {
        let geometry = try ShapeInference.convGeometry(node: node, x: x, w: w, attributes: attributes)
        (height, width) = geometry.planar
        batch = x[0]
        inputChannels = x[1]
        outputChannels = w[0]
        group = attributes.group
        winograd = WinogradConvKernel.pays(inputChannels: inputChannels, outputChannels: outputChannels)
            ? WinogradConvKernel(batch: batch, inputChannels: inputChannels, outputChannels: outputChannels,
                                 group: group, height: height, width: width)
            : nil
    }

    /// Rows of the im2col matrix per group: input channels of one group times kernel taps.
    private var patchSize: Int { inputChannels / group * height.kernel * width.kernel }
    private var inputPlane: Int { height.inputSize * width.inputSize }
    private var outputPlane: Int { height.outputSize * width.outputSize }

    private var isPointwise: Bool {
        height.kernel == 1 && width.kernel == 1 && height.stride == 1 && width.stride == 1
            && height.padBegin == 0 && width.padBegin == 0 && height.padEnd == 0 && width.padEnd == 0
    }

    /// Bytes of im2col buffer to aim for: the lowered block stays in cache while SGEMM reads it.
    private static let columnBlockBytes = 2 << 20

    /// Output rows lowered and multiplied per block.
    private var rowsPerBlock: Int {
        let bytesPerRow = patchSize * width.outputSize * MemoryLayout<Float>.size
        return max(1, min(height.outputSize, Self.columnBlockBytes / max(bytesPerRow, 1)))
    }

    /// Convolves `input` (`[N, C, H, W]` row-major) with `weight` (`[M, C/group, kH, kW]`), adds
    /// `bias` (`[M]`) and applies `activation`; returns `[N, M, OH, OW]`. `winogradWeight`, when
    /// given, is `weight` already transformed by `WinogradConvKernel.transformWeight`.
    func run(input: [Float], weight: [Float], winogradWeight: [Float]? = nil, bias: [Float]?,
             activation: Activation?) -> [Float] {
        if let winograd {
            let transformed = winogradWeight ?? WinogradConvKernel.transformWeight(
                weight, outputChannels: outputChannels, inputChannels: inputChannels)
            return winograd.run(input: input, transformedWeight: transformed, bias: bias, activation: activation)
        }
        var output = [Float](repeating: 0, count: batch * outputChannels * outputPlane)
        var columns = [Float](repeating: 0, count: isPointwise ? 0 : patchSize * rowsPerBlock * width.outputSize)
        input.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { weight in
                output.withUnsafeMutableBufferPointer { output in
                    columns.withUnsafeMutableBufferPointer { columns in
                        guard let input = input.baseAddress, let weight = weight.baseAddress,
                              let output = output.baseAddress, let columns = columns.baseAddress else { return }
                        for image in 0..<batch {
                            for part in 0..<group {
                                multiplyGroup(image: image, group: part, input: input, weight: weight,
                                              output: output, columns: columns)
                            }
                        }
                    }
                    ElementwiseKernel.addBiasAndActivate(output, channels: outputChannels, inner: outputPlane,
                                                         bias: bias, activation: activation)
                }
            }
        }
        return output
    }

    private func multiplyGroup(image: Int, group part: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               output: UnsafeMutablePointer<Float>, columns: UnsafeMutablePointer<Float>) {
        let channelsPerGroup = inputChannels / group
        let filtersPerGroup = outputChannels / group
        let source = input + (image * inputChannels + part * channelsPerGroup) * inputPlane
        let filters = weight + part * filtersPerGroup * patchSize
        let destination = output + (image * outputChannels + part * filtersPerGroup) * outputPlane
        if isPointwise {
            Sgemm.multiply(m: filtersPerGroup, n: outputPlane, k: patchSize, a: filters, lda: patchSize,
                           b: source, ldb: outputPlane, c: destination, ldc: outputPlane)
            return
        }
        for firstRow in stride(from: 0, to: height.outputSize, by: rowsPerBlock) {
            let rows = firstRow..<min(firstRow + rowsPerBlock, height.outputSize)
            let blockColumns = rows.count * width.outputSize
            lowerToColumns(source, channels: channelsPerGroup, rows: rows, into: columns)
            Sgemm.multiply(m: filtersPerGroup, n: blockColumns, k: patchSize, a: filters, lda: patchSize,
                           b: columns, ldb: blockColumns,
                           c: destination + firstRow * width.outputSize, ldc: outputPlane)
        }
    }

    /// im2col for output rows `rows`: row `(c, kh, kw)` of the result holds, for every output
    /// position of those rows, the input element that tap sees (zero in the padding). Channels are
    /// lowered in parallel; each writes its own rows.
    private func lowerToColumns(_ source: UnsafePointer<Float>, channels: Int, rows: Range<Int>,
                                into columns: UnsafeMutablePointer<Float>) {
        let rowsPerChannel = height.kernel * width.kernel * rows.count * width.outputSize
        let workers = min(channels, ProcessInfo.processInfo.activeProcessorCount)
        let (sourceAddress, columnAddress) = (UInt(bitPattern: source), UInt(bitPattern: columns))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard let source = UnsafePointer<Float>(bitPattern: sourceAddress),
                  let columns = UnsafeMutablePointer<Float>(bitPattern: columnAddress) else { return }
            for channel in stride(from: worker, to: channels, by: workers) {
                lowerChannel(source + channel * inputPlane, rows: rows, into: columns + channel * rowsPerChannel)
            }
        }
    }

    private func lowerChannel(_ plane: UnsafePointer<Float>, rows: Range<Int>, into columns: UnsafeMutablePointer<Float>) {
        let outputWidth = width.outputSize
        var row = columns
        for tapY in 0..<height.kernel {
            for tapX in 0..<width.kernel {
                let (first, end) = validOutputs(width, tap: tapX)
                for outY in rows {
                    let line = row + (outY - rows.lowerBound) * outputWidth
                    let inY = height.inputPosition(output: outY, tap: tapY)
                    guard inY >= 0, inY < height.inputSize, first < end else {
                        line.update(repeating: 0, count: outputWidth)
                        continue
                    }
                    line.update(repeating: 0, count: first)
                    let inputRow = plane + inY * width.inputSize
                    let firstX = width.inputPosition(output: first, tap: tapX)
                    if width.stride == 1 {
                        (line + first).update(from: inputRow + firstX, count: end - first)
                    } else {
                        for outX in first..<end { line[outX] = inputRow[firstX + (outX - first) * width.stride] }
                    }
                    (line + end).update(repeating: 0, count: outputWidth - end)
                }
                row += rows.count * outputWidth
            }
        }
    }

    /// The output positions `first..<end` whose tap `tap` falls inside the input along `axis`.
    private func validOutputs(_ axis: WindowGeometry.Axis, tap: Int) -> (Int, Int) {
        let offset = tap * axis.dilation - axis.padBegin
        // Smallest o with o*stride + offset >= 0, and the end of those with o*stride + offset < inputSize.
        let first = offset >= 0 ? 0 : (-offset + axis.stride - 1) / axis.stride
        let last = axis.inputSize - 1 - offset
        let end = last < 0 ? 0 : last / axis.stride + 1
        return (min(first, axis.outputSize), min(max(end, first), axis.outputSize))
    }
}
