/// An opaque sRGB colour. The named colours are the Okabe–Ito palette, which stays
/// distinguishable under the common forms of colour-vision deficiency.
public struct Color: Sendable, Hashable {
    /// Red, green and blue components, 0–255.
    public var red, green, blue: UInt8

    /// Creates a colour from 8-bit components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// Creates a colour from a 24-bit value such as `0xE69F00`.
    public init(rgb: UInt32) {
        self.init(red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF))
    }

    /// The colour as `#rrggbb`.
    public var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Okabe–Ito black.
    public static let black = Color(rgb: 0x000000)
    /// Okabe–Ito orange.
    public static let orange = Color(rgb: 0xE69F00)
    /// Okabe–Ito sky blue.
    public static let skyBlue = Color(rgb: 0x56B4E9)
    /// Okabe–Ito bluish green.
    public static let bluishGreen = Color(rgb: 0x009E73)
    /// Okabe–Ito yellow.
    public static let yellow = Color(rgb: 0xF0E442)
    /// Okabe–Ito blue.
    public static let blue = Color(rgb: 0x0072B2)
    /// Okabe–Ito vermillion.
    public static let vermillion = Color(rgb: 0xD55E00)
    /// Okabe–Ito reddish purple.
    public static let reddishPurple = Color(rgb: 0xCC79A7)
    /// A neutral grey for reference lines and annotations.
    public static let gray = Color(rgb: 0x7F7F7F)
    /// A light grey for grid lines.
    public static let lightGray = Color(rgb: 0xDDDDDD)
    /// White.
    public static let white = Color(rgb: 0xFFFFFF)

    /// The Okabe–Ito palette without black, in a good order for successive series.
    public static let palette: [Color] = [.blue, .vermillion, .bluishGreen, .orange, .reddishPurple, .skyBlue, .yellow]

    /// The `index`-th palette colour, cycling.
    public static func palette(_ index: Int) -> Color {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}

/// A stroke dash pattern.
public enum Dash: Sendable, Hashable {
    /// A continuous line.
    case solid
    /// Long dashes.
    case dashed
    /// Dots.
    case dotted
    /// Alternating dash and dot.
    case dashDot
    /// A custom `stroke-dasharray` in px (dash, gap, …).
    case custom([Double])

    var attributes: [(String, String)] {
        let pattern: [Double] = switch self {
        case .solid: []
        case .dashed: [6, 4]
        case .dotted: [1.5, 3]
        case .dashDot: [7, 3, 1.5, 3]
        case .custom(let p): p.filter { $0.isFinite && $0 >= 0 }
        }
        return pattern.isEmpty ? [] : [("stroke-dasharray", pattern.map(SVGElement.num).joined(separator: " "))]
    }
}
