import IR

/// Elementwise comparison of an output with its reference: `|a - e| <= atol + rtol * |e|`.
struct TensorComparison {
    /// Why the tensors differ, or nil when they agree.
    var problem: String?
    var maxAbsoluteError: Float = 0

    init(actual: Tensor, expected: Tensor, rtol: Float, atol: Float) {
        guard actual.shape == expected.shape else {
            problem = "shape \(actual.shape), expected \(expected.shape)"
            return
        }
        guard actual.data.elementType == expected.data.elementType else {
            problem = "type \(actual.data.elementType), expected \(expected.data.elementType)"
            return
        }
        let a = actual.floats, e = expected.floats
        var failures = 0
        var firstFailure = ""
        for index in a.indices {
            let error = abs(a[index] - e[index])
            let bothNaN = a[index].isNaN && e[index].isNaN
            if bothNaN || a[index] == e[index] { continue }
            maxAbsoluteError = max(maxAbsoluteError, error.isNaN ? .infinity : error)
            if !(error <= atol + rtol * abs(e[index])) {
                if failures == 0 { firstFailure = "element \(index): \(a[index]) vs \(e[index])" }
                failures += 1
            }
        }
        if failures > 0 {
            problem = "\(failures) of \(a.count) elements outside rtol \(rtol), atol \(atol); first \(firstFailure)"
        }
    }
}
