/// Where a signature place lies on the raster its verdict was decided on (pixels, top left origin, end exclusive):
/// stored with the verdict so that the place can be shown again without finding it anew.
public struct PlaceBox: Hashable, Codable, Sendable {
    public var x0: Int
    public var y0: Int
    public var x1: Int
    public var y1: Int

    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
}
