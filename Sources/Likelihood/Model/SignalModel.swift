import Foundation

/// A signal model as the likelihood needs it: its parameter of interest θ (name, unit) and, for
/// each channel, the expected signal counts per bin at the reference value θ_ref, which the
/// likelihood scales by (θ/θ_ref)² (``ModelSpec``). Likelihood knows no physics: what a channel
/// is (a detector and its bins) and how the template is made are the conforming type's.
///
/// The shipped implementations are in `Analysis`: the flavour-universal μν and a moment-matrix
/// element whose per-source effective moments shape the template.
public protocol SignalModel: Sendable {
    /// What the signal is computed for (e.g. one dataset's detector and bins).
    associatedtype Channel
    /// The signal expectation of one channel (at θ = θ_ref, with any shape variations).
    associatedtype Template: SignalTemplateCounts

    /// The parameter of interest, named and unit-tagged by the model.
    var parameterOfInterest: ParameterOfInterest { get }
    /// θ_ref, in ``ParameterOfInterest/unit``: the value at which ``template(for:)`` is given.
    var referenceValue: Double { get }
    /// The signal expectation of `channel` at θ = θ_ref.
    func template(for channel: Channel) throws -> Template
}

/// What the likelihood reads from a signal template: expected counts per bin at θ = θ_ref.
public protocol SignalTemplateCounts {
    /// Expected signal counts per bin at the reference value of the parameter of interest.
    var countsAtReference: [Double] { get }
}
