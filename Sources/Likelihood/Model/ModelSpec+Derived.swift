import Foundation

extension ModelSpec {
    /// The model of channel `index` alone: that channel, the parameter of interest and the
    /// parameters its samples use (as factors or shape variations), in this spec's order and
    /// with their starting values, bounds and constraints unchanged.
    public func channelOnly(_ index: Int) -> ModelSpec {
        let channel = channels[index]
        var used: Set<String> = [poi.name]
        for s in channel.samples {
            used.formUnion(s.factors)
            used.formUnion((s.histosys ?? []).map(\.parameter))
        }
        var out = self
        out.channels = [channel]
        out.parameters = parameters.filter { used.contains($0.name) }
        return out
    }

    /// The same model with one parameter of interest per channel: in every channel after the
    /// first, each sample's factor of the parameter of interest is replaced by a parameter of
    /// its own, `name(channel)` — free, ≥ 0, starting at 1 (the reference value) — appended
    /// after all others in channel order. The alternative hypothesis of a test of one common
    /// parameter of interest against one per channel.
    public func separatingParameterOfInterest(name: (String) -> String) -> ModelSpec {
        var out = self
        var added: [Parameter] = []
        let poiName = poi.name
        for c in out.channels.indices.dropFirst() {
            let p = name(out.channels[c].name)
            var uses = false
            for s in out.channels[c].samples.indices where out.channels[c].samples[s].factors.contains(poiName) {
                out.channels[c].samples[s].factors = out.channels[c].samples[s].factors.map { $0 == poiName ? p : $0 }
                uses = true
            }
            if uses { added.append(Parameter(name: p, initial: 1, lower: 0, constraint: .free)) }
        }
        out.parameters += added
        return out
    }
}
