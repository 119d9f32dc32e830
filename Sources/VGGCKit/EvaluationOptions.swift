import Foundation

/// What an `Evaluation` measures besides the compiled model's accuracy.
public struct EvaluationOptions: Hashable, Sendable {
    /// The float ONNX model the `.bin` was compiled from: fp32 accuracy and top-1 agreement.
    public var floatModel: URL?
    /// Compare every stored layer with the float model (cosine similarity, SQNR); needs `floatModel`.
    public var perLayer: Bool
    /// Check every image's output bytes against the integer reference interpreter.
    public var checkIntegerReference: Bool
    /// Evaluate at most this many images (the first ones in input order, `DatasetDirectory`).
    public var limit: Int?
    /// Which of the (limited) images to evaluate.
    public var shard: Shard
    /// How many images run at once, each on its own thread; the result does not depend on it.
    public var jobs: Int

    /// Accuracy only, on every image, one at a time, unless given otherwise.
    public init(floatModel: URL? = nil, perLayer: Bool = false, checkIntegerReference: Bool = false, limit: Int? = nil,
                shard: Shard = .whole, jobs: Int = 1) {
        self.floatModel = floatModel
        self.perLayer = perLayer
        self.checkIntegerReference = checkIntegerReference
        self.limit = limit
        self.shard = shard
        self.jobs = jobs
    }

    /// Refuses a per-layer comparison without the float model, a limit or a job count below one.
    public func validate() throws {
        if perLayer && floatModel == nil { throw VGGCKitError.perLayerWithoutFloatModel }
        if let limit, limit < 1 { throw VGGCKitError.evaluationLimit(limit) }
        if jobs < 1 { throw VGGCKitError.jobCount(jobs) }
    }
}
