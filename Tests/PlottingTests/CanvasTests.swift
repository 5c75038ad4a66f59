import Foundation
import Testing
@testable import Plotting

/// The rasteriser against exact geometry: total coverage equals the shape's area.
@Suite struct CanvasTests {
  /// Sum of "ink" over the canvas: how far each pixel moved from white towards black, in pixels.
  func inkArea(_ canvas: Canvas) -> Double {
    var total = 0.0
    for i in stride(from: 0, to: canvas.pixels.count, by: 4) { total += Double(255 - Int(canvas.pixels[i])) / 255 }
    return total
  }

  @Test(arguments: [
    [Point(10.3, 10.7), Point(40.9, 12.2), Point(25.5, 37.1)],  // triangle
    [Point(5.5, 5.5), Point(50.25, 5.5), Point(50.25, 20.75), Point(5.5, 20.75)],  // rectangle
    [Point(30, 2), Point(58, 30), Point(30, 58), Point(2, 30)],  // diamond
  ])
  func filledPolygonCoversItsExactArea(outline: [Point]) {
    var canvas = Canvas(width: 64, height: 64, background: .white)
    canvas.fillPolygon([outline], color: .black)
    // Shoelace formula.
    var area = 0.0
    for i in outline.indices {
      let a = outline[i]
      let b = outline[(i + 1) % outline.count]
      area += a.x * b.y - b.x * a.y
    }
    area = abs(area) / 2
    #expect(abs(inkArea(canvas) - area) < 0.01 * area + 1, "ink \(inkArea(canvas)) vs area \(area)")
  }

  @Test func polygonIsClippedToTheClipRectangle() {
    var canvas = Canvas(width: 40, height: 40, background: .white)
    canvas.withClip(Rect(x: 10, y: 10, width: 20, height: 20)) { canvas in
      canvas.fillPolygon([[Point(-100, -100), Point(100, -100), Point(100, 100), Point(-100, 100)]], color: .black)
    }
    #expect(abs(inkArea(canvas) - 400) < 0.5)
    #expect(canvas.image.rgba(x: 5, y: 5).red == 255)
    #expect(canvas.image.rgba(x: 15, y: 15).red == 0)
  }

  @Test func holeWithOppositeWindingStaysEmpty() {
    var canvas = Canvas(width: 40, height: 40, background: .white)
    let outer = [Point(0, 0), Point(40, 0), Point(40, 40), Point(0, 40)]
    let inner = [Point(10, 10), Point(10, 30), Point(30, 30), Point(30, 10)]
    canvas.fillPolygon([outer, inner], color: .black)
    #expect(abs(inkArea(canvas) - (1600 - 400)) < 0.5)
  }

  @Test func horizontalStrokeCoversLengthTimesWidthPlusRoundCaps() {
    var canvas = Canvas(width: 100, height: 40, background: .white)
    canvas.strokePolyline([Point(20, 20), Point(80, 20)], width: 4, color: .black)
    let expected = 60 * 4 + Double.pi * 4  // a rectangle plus two half-discs of radius 2
    #expect(abs(inkArea(canvas) - expected) < 0.05 * expected, "ink \(inkArea(canvas)) vs \(expected)")
  }

  @Test func overlappingSegmentsOfOneStrokeDoNotDarkenTwice() {
    var canvas = Canvas(width: 60, height: 60, background: .white)
    // Back and forth over the same line with a half-transparent colour.
    canvas.strokePolyline([Point(10, 30), Point(50, 30), Point(10, 30)], width: 6, color: Color.black.withAlpha(0.5))
    let p = canvas.image.rgba(x: 30, y: 30)
    #expect(abs(Int(p.red) - 128) <= 1)
  }

  @Test func dashesAlternateOnAndOff() {
    let pieces = Canvas.dashed([Point(0, 0), Point(10, 0), Point(25, 0)], pattern: [4, 2])
    // On 0–4, off 4–6, on 6–10–… across the corner, etc.
    #expect(pieces.count == 5)
    #expect(pieces[0] == [Point(0, 0), Point(4, 0)])
    #expect(pieces[1] == [Point(6, 0), Point(10, 0)])
    #expect(pieces[2] == [Point(12, 0), Point(16, 0)])
    #expect(pieces.last == [Point(24, 0), Point(25, 0)])
  }

  @Test func discAreaIsPiRSquared() {
    var canvas = Canvas(width: 50, height: 50, background: .white)
    canvas.fillCircle(center: Point(25.3, 24.8), radius: 10, color: .black)
    #expect(abs(inkArea(canvas) - Double.pi * 100) < 3)
  }

  @Test func halfTransparentBlackOnWhiteIsMidGrey() {
    var canvas = Canvas(width: 4, height: 4, background: .white)
    canvas.fillRect(Rect(x: 0, y: 0, width: 4, height: 4), color: Color.black.withAlpha(0.5))
    #expect(canvas.image.rgba(x: 2, y: 2) == (128, 128, 128, 255))
  }

  @Test func segmentsFarOutsideTheCanvasAreHarmless() {
    var canvas = Canvas(width: 20, height: 20, background: .white)
    canvas.strokePolyline([Point(-1e7, -1e7), Point(1e7, 1e7)], width: 2, color: .black)
    canvas.fillPolygon([[Point(-1e7, 0), Point(1e7, 0), Point(0, 1e7)]], color: .black)
    #expect(inkArea(canvas) > 0)
  }

  @Test func denseStrokeMatchesTheExactStroke() {
    // A noisy curve with 4 points per pixel column, drawn both ways.
    var rng = GalleryRandom(seed: 11)
    let line = (0..<800).map { i -> Point in
      let x = 10 + Double(i) / 4
      return Point(x, 60 + 30 * sin(x / 20) + 8 * (rng.uniform() - 0.5))
    }
    var exact = Canvas(width: 220, height: 120, background: .white)
    exact.strokePolyline(line, width: 3, color: .black)
    var dense = Canvas(width: 220, height: 120, background: .white)
    dense.strokeDensePolylines([line], width: 3, color: .black)
    let a = inkArea(exact)
    let b = inkArea(dense)
    #expect(abs(a - b) < 0.04 * a, "ink \(a) vs \(b)")
    var different = 0
    for i in stride(from: 0, to: exact.pixels.count, by: 4) where abs(Int(exact.pixels[i]) - Int(dense.pixels[i])) > 96 {
      different += 1
    }
    // Only anti-aliased edge pixels of steep stretches differ (the column approximation is ±0.5 px).
    #expect(Double(different) < 0.06 * a, "\(different) pixels differ strongly")
  }

  @Test func denseStrokeOfAHorizontalLineHasTheLineWidth() {
    var canvas = Canvas(width: 100, height: 30, background: .white)
    let line = (0...400).map { Point(10 + Double($0) / 5, 15) }
    canvas.strokeDensePolylines([line], width: 4, color: .black)
    let expected = 80 * 4 + Double.pi * 4
    #expect(abs(inkArea(canvas) - expected) < 0.05 * expected, "ink \(inkArea(canvas)) vs \(expected)")
  }
}
