import Foundation
import Analysis
import Likelihood
import MomentModels

/// The text of an element fit: the fit table with the element's symbol in place of μν, then
/// the direct result beside the rescaled universal one.
public enum ElementFitText {
    public static func render(_ r: FitReport, poi: ParameterOfInterest, element e: MomentElementFit, file: String, cl: Double) -> String {
        let lines = FitText.render(r, .plain).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let l = String(line)
            // a labelled row: the label is padded to one column, so it is re-padded after the change
            if let eq = l.range(of: "= "), l.distance(from: l.startIndex, to: eq.lowerBound) == 19 {
                let label = String(l[..<eq.lowerBound]).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "μν", with: poi.symbol)
                return label.padding(toLength: max(19, label.count), withPad: " ", startingAt: 0) + "= " + l[eq.upperBound...].replacingOccurrences(of: "μν", with: poi.symbol)
            }
            return l
        }
        let pct = Format.g(cl * 100, 3)
        var s = "parameter of interest: \(poi.symbol) (\(poi.name), μB) — \(poi.description ?? "")\n\n"
        s += lines.joined(separator: "\n")
        s += "\n\(pct)% CL on \(poi.symbol) (\(file)):\n"
        s += "  fitted directly (per-source template)     \(Format.region(poi.symbol, lower: e.elementLowerBohr, upper: e.elementUpperBohr))\n"
        s += "  universal μν fit rescaled by 1/√s          \(Format.region(poi.symbol, lower: e.rescaledLowerBohr, upper: e.rescaledUpperBohr))"
        s += "   (s = ⟨μ_eff²⟩/\(poi.symbol)² = \(Format.g(e.sensitivity, 4)) over the window; universal \(Format.region("μν", lower: e.muLowerBohr, upper: e.muUpperBohr)))\n"
        func rel(_ a: Double, _ b: Double) -> String { b > 0 ? Format.g(a / b - 1, 2) : "—" }
        s += "  direct / rescaled − 1                      lower \(rel(e.elementLowerBohr, e.rescaledLowerBohr)), upper \(rel(e.elementUpperBohr, e.rescaledUpperBohr))\n"
        return s
    }
}

