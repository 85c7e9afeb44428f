/// An axis-aligned rectangle in SVG pixel coordinates (y grows downwards).
public struct PixelRect: Sendable, Hashable {
    /// Left edge, top edge, width and height in px.
    public var x, y, width, height: Double

    /// Creates a rectangle; a negative width or height is folded so that the rectangle is valid.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = width < 0 ? x + width : x; self.y = height < 0 ? y + height : y
        self.width = abs(width); self.height = abs(height)
    }

    /// The rectangle spanning two corner points in any order.
    public init(corners x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) {
        self.init(x: min(x1, x2), y: min(y1, y2), width: abs(x2 - x1), height: abs(y2 - y1))
    }

    /// Right edge.
    public var maxX: Double { x + width }
    /// Bottom edge.
    public var maxY: Double { y + height }

    /// The rectangle grown by `d` px on every side.
    public func inflated(by d: Double) -> PixelRect {
        PixelRect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d)
    }

    /// The area shared with `other` (0 when they do not overlap).
    public func overlapArea(_ other: PixelRect) -> Double {
        let w = min(maxX, other.maxX) - max(x, other.x), h = min(maxY, other.maxY) - max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// Whether the rectangles share interior points.
    public func intersects(_ other: PixelRect) -> Bool { overlapArea(other) > 0 }

    /// The box a text label occupies, estimated without font metrics (see `SVGElement.textWidth`):
    /// `x`, `y` are the text anchor and baseline; `anchor` is `start`, `middle` or `end`.
    public static func text(_ s: String, x: Double, y: Double, size: Double, anchor: String = "start") -> PixelRect {
        let w = SVGElement.textWidth(s, size: size)
        let left = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x
        return PixelRect(x: left, y: y - 0.8 * size, width: w, height: size)
    }
}
