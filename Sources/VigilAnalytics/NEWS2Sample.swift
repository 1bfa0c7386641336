import VigilCore

/// One generated observation set and the scale to score it on, as
/// `NEWS2SampleGenerator` produces them for benchmarks and cross-checks.
public struct NEWS2Sample: Sendable, Hashable {
    /// The SpO2 scale to score on.
    public var scale: NEWS2Scale
    /// The observations.
    public var observations: NEWS2Observations

    /// A sample of `observations` on `scale`.
    public init(scale: NEWS2Scale, observations: NEWS2Observations) {
        self.scale = scale
        self.observations = observations
    }
}
