import CoopmailReading
import Testing

/// ``GrayImage/evenedLight(block:)``: paper in shade comes out as white as lit paper, and ink stays ink on both.
@Suite struct EvenedLightTests {
    @Test func shadedPaperIsPaperAndInkStaysDark() {
        let (width, height) = (300, 120)
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                // Lit paper at 235 on the left, shade at 180 from x = 200, a 3-pixel stroke across at y = 60.
                let paper = x < 200 ? 235 : 180
                pixels[y * width + x] = UInt8((58...60).contains(y) ? paper / 5 : paper)
            }
        }
        let even = GrayImage(width: width, height: height, pixels: pixels).evenedLight()
        for x in [20, 150, 250, 290] {
            #expect(even.at(x, 20) >= 235, "papier en x = \(x) : \(even.at(x, 20))")
            #expect(even.at(x, 59) <= 60, "trait en x = \(x) : \(even.at(x, 59))")
        }
    }
}
