extension GrayImage {
    /// The page with its light evened out: each pixel divided by the paper's level about it, so that a shadow across
    /// a photographed sheet reads as white paper. The paper's level is the brightest pixel within a square of three
    /// `block`-pixel blocks each way (ink narrower than two blocks never hides it). Tesseract thresholds a page once
    /// for all of it: a third of a quitus photo in shade (paper at 0.8 of the lit paper's level) came out as a dark
    /// area, and the teacher's box under it gave no word (scripts/make-quitus-other.py seed 9, `paraphes`, photo).
    public func evenedLight(block: Int = 16) -> GrayImage {
        guard width > 0, height > 0, block > 0, pixels.count >= width * height else { return self }
        let bw = (width + block - 1) / block
        let bh = (height + block - 1) / block
        var brightest = [UInt8](repeating: 0, count: bw * bh)
        for y in 0..<height {
            for x in 0..<width {
                let b = (y / block) * bw + x / block
                brightest[b] = max(brightest[b], pixels[y * width + x])
            }
        }
        var paper = [UInt8](repeating: 0, count: bw * bh)
        for by in 0..<bh {
            for bx in 0..<bw {
                var m: UInt8 = 0
                for ny in max(0, by - 1)...min(bh - 1, by + 1) {
                    for nx in max(0, bx - 1)...min(bw - 1, bx + 1) { m = max(m, brightest[ny * bw + nx]) }
                }
                paper[by * bw + bx] = m
            }
        }
        var out = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let level = Int(paper[(y / block) * bw + x / block])
                out[y * width + x] = UInt8(min(255, Int(pixels[y * width + x]) * 240 / max(1, level)))
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
