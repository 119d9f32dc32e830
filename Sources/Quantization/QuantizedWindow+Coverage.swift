/// How often each tap of a window reads the input rather than the padding.
extension QuantizedWindow {
    /// For each kernel tap, row-major over `[height, width]`, the fraction of output positions at
    /// which it reads inside the input. A padded tap reads zero (the real value of the padding), so
    /// the mean a tap sees over the output is its input channel's mean times this fraction: on a
    /// 7×7 plane a 5×5 window with padding 2 reads the input with 69% of its taps on average.
    package var tapCoverage: [Double] {
        let rows = axisCoverage(0), columns = axisCoverage(1)
        return rows.flatMap { row in columns.map { row * $0 } }
    }

    /// The fraction of output positions along `axis` at which each tap reads inside the input.
    private func axisCoverage(_ axis: Int) -> [Double] {
        (0..<kernel[axis]).map { tap in
            let inside = (0..<outputSize[axis]).count { output in
                (0..<inputSize[axis]).contains(inputPosition(axis: axis, output: output, tap: tap))
            }
            return outputSize[axis] > 0 ? Double(inside) / Double(outputSize[axis]) : 0
        }
    }
}
