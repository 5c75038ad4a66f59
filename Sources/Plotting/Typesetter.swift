import CFreeType

/// Font weight of a run of text.
enum FontWeight: Int, Hashable, Sendable {
  case regular = 0
  case bold = 1
}

/// Where a text's anchor point sits horizontally.
enum HorizontalAnchor: Sendable { case left, center, right }

/// Where a text's anchor point sits vertically: the top of the line box, the middle of the
/// capital letters, the baseline, or the bottom of the line box (descenders included).
enum VerticalAnchor: Sendable { case top, center, baseline, bottom }

/// The size of a (possibly multi-line) text in pixels.
struct TextExtent: Sendable {
  /// Width of the widest line.
  var width: Double
  /// Height from the top of the first line box to the bottom of the last.
  var height: Double
  /// Distance from the top of the box to the first baseline.
  var ascent: Double
}

/// A rasterised glyph: a coverage bitmap and where to put it relative to the pen.
private struct Glyph {
  var bitmap: [UInt8]
  var width: Int
  var rows: Int
  var left: Int
  var top: Int
  /// Horizontal pen advance in pixels.
  var advance: Double
}

private struct GlyphKey: Hashable {
  var weight: Int
  var size64: Int
  var scalar: UInt32
}

/// Lays out and rasterises text with FreeType for one rendering job (not shared between threads).
final class Typesetter {
  private var library: FT_Library?
  private var faces: [FT_Face] = []
  private var currentSize64: [Int] = [0, 0]
  private var glyphs: [GlyphKey: Glyph] = [:]
  private var kerning: [Bool] = []

  /// Opens the fonts; throws ``PlotError`` if they are missing or unreadable.
  init(fonts: FontFiles) throws {
    var lib: FT_Library?
    guard FT_Init_FreeType(&lib) == 0, let lib else {
      throw PlotError.fontUnreadable(path: fonts.regular, code: -1)
    }
    library = lib
    for path in [fonts.regular, fonts.bold] {
      var face: FT_Face?
      let code = FT_New_Face(lib, path, 0, &face)
      guard code == 0, let face else {
        for f in faces { FT_Done_Face(f) }
        FT_Done_FreeType(lib)
        library = nil
        throw PlotError.fontUnreadable(path: path, code: code)
      }
      faces.append(face)
      kerning.append(workbench_ft_has_kerning(face) != 0)
    }
  }

  /// Opens the fonts chosen by the environment (see ``FontFiles/resolve(environment:)``).
  convenience init() throws {
    try self.init(fonts: FontFiles.resolve())
  }

  deinit {
    for face in faces { FT_Done_Face(face) }
    if let library { FT_Done_FreeType(library) }
  }

  private func select(_ weight: FontWeight, _ size: Double) -> (FT_Face, Int) {
    let face = faces[weight.rawValue]
    let size64 = max(64, Int((size * 64).rounded()))
    if currentSize64[weight.rawValue] != size64 {
      FT_Set_Char_Size(face, 0, FT_F26Dot6(size64), 72, 72)
      currentSize64[weight.rawValue] = size64
    }
    return (face, size64)
  }

  private func glyph(_ scalar: Unicode.Scalar, _ weight: FontWeight, _ size: Double) -> Glyph {
    let (face, size64) = select(weight, size)
    let key = GlyphKey(weight: weight.rawValue, size64: size64, scalar: scalar.value)
    if let cached = glyphs[key] { return cached }
    var result = Glyph(bitmap: [], width: 0, rows: 0, left: 0, top: 0, advance: size * 0.5)
    if FT_Load_Char(face, FT_ULong(scalar.value), WORKBENCH_FT_LOAD_RENDER_LIGHT) == 0, let slot = face.pointee.glyph {
      let bitmap = slot.pointee.bitmap
      let width = Int(bitmap.width)
      let rows = Int(bitmap.rows)
      let pitch = Int(bitmap.pitch)
      var bytes = [UInt8](repeating: 0, count: width * rows)
      if let buffer = bitmap.buffer, width > 0, rows > 0 {
        for y in 0..<rows {
          let source = pitch >= 0 ? y * pitch : (rows - 1 - y) * -pitch
          for x in 0..<width { bytes[y * width + x] = buffer[source + x] }
        }
      }
      result = Glyph(
        bitmap: bytes, width: width, rows: rows, left: Int(slot.pointee.bitmap_left),
        top: Int(slot.pointee.bitmap_top), advance: Double(slot.pointee.advance.x) / 64)
    }
    glyphs[key] = result
    return result
  }

  private func kern(_ left: Unicode.Scalar, _ right: Unicode.Scalar, _ weight: FontWeight, _ size: Double) -> Double {
    guard kerning[weight.rawValue] else { return 0 }
    let (face, _) = select(weight, size)
    let a = FT_Get_Char_Index(face, FT_ULong(left.value))
    let b = FT_Get_Char_Index(face, FT_ULong(right.value))
    var delta = FT_Vector()
    guard FT_Get_Kerning(face, a, b, FT_KERNING_DEFAULT.rawValue, &delta) == 0 else { return 0 }
    return Double(delta.x) / 64
  }

  /// Distance from baseline to the top of the line box, in pixels, at `size` pixels per em.
  func ascent(size: Double, weight: FontWeight = .regular) -> Double {
    let (face, _) = select(weight, size)
    return Double(face.pointee.size.pointee.metrics.ascender) / 64
  }

  /// Distance from baseline to the bottom of the line box (positive), in pixels.
  func descent(size: Double, weight: FontWeight = .regular) -> Double {
    let (face, _) = select(weight, size)
    return -Double(face.pointee.size.pointee.metrics.descender) / 64
  }

  /// Height of capital letters above the baseline, in pixels.
  func capHeight(size: Double, weight: FontWeight = .regular) -> Double {
    Double(glyph("H", weight, size).top)
  }

  /// Distance between consecutive baselines of multi-line text (1.2 em, as matplotlib).
  func lineSpacing(size: Double) -> Double { size * 1.2 }

  /// Advance width of one line of text in pixels.
  func lineWidth(_ line: Substring, size: Double, weight: FontWeight = .regular) -> Double {
    var width = 0.0
    var previous: Unicode.Scalar?
    for scalar in line.unicodeScalars {
      if let previous { width += kern(previous, scalar, weight, size) }
      width += glyph(scalar, weight, size).advance
      previous = scalar
    }
    return width
  }

  /// The extent of `text` (lines separated by "\n") at `size` pixels per em.
  func measure(_ text: String, size: Double, weight: FontWeight = .regular) -> TextExtent {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let width = lines.map { lineWidth($0, size: size, weight: weight) }.max() ?? 0
    let ascent = ascent(size: size, weight: weight)
    let descent = descent(size: size, weight: weight)
    let height = ascent + descent + Double(max(0, lines.count - 1)) * lineSpacing(size: size)
    return TextExtent(width: width, height: height, ascent: ascent)
  }

  /// Draws `text` with its anchor at `point`; lines are aligned according to `horizontal`.
  func draw(
    _ text: String, at point: Point, size: Double, weight: FontWeight = .regular, color: Color,
    horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .baseline, into canvas: inout Canvas
  ) {
    guard point.isFinite, abs(point.x) < 1e7, abs(point.y) < 1e7, size.isFinite, size > 0 else { return }
    let extent = measure(text, size: size, weight: weight)
    var baseline = firstBaseline(top: 0, extent: extent, size: size, weight: weight, vertical: vertical) + point.y
    if let recorder = TextLayoutRecorder.current, !text.allSatisfy(\.isWhitespace) {
      let left: Double
      switch horizontal {
      case .left: left = point.x
      case .center: left = point.x - extent.width / 2
      case .right: left = point.x - extent.width
      }
      // Leading empty lines (used to stagger labels) take no room on the canvas.
      let blank = Double(text.prefix { $0 == "\n" }.count) * lineSpacing(size: size)
      recorder.add(TextBox(
        text: text.drop { $0 == "\n" }.description,
        rect: Rect(x: left, y: baseline - extent.ascent + blank, width: extent.width, height: extent.height - blank)))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let width = lineWidth(line, size: size, weight: weight)
      let x: Double
      switch horizontal {
      case .left: x = point.x
      case .center: x = point.x - width / 2
      case .right: x = point.x - width
      }
      drawLine(line, x: x, baseline: baseline, size: size, weight: weight, color: color, into: &canvas)
      baseline += lineSpacing(size: size)
    }
  }

  /// The baseline of the first line relative to the anchor's y coordinate.
  private func firstBaseline(top: Double, extent: TextExtent, size: Double, weight: FontWeight, vertical: VerticalAnchor)
    -> Double
  {
    let extraLines = extent.height - ascent(size: size, weight: weight) - descent(size: size, weight: weight)
    switch vertical {
    case .top: return extent.ascent
    case .baseline: return 0
    case .bottom: return -(extent.height - extent.ascent)
    case .center: return capHeight(size: size, weight: weight) / 2 - extraLines / 2
    }
  }

  private func drawLine(
    _ line: Substring, x: Double, baseline: Double, size: Double, weight: FontWeight, color: Color,
    into canvas: inout Canvas
  ) {
    var pen = x
    let y = Int(baseline.rounded())
    var previous: Unicode.Scalar?
    for scalar in line.unicodeScalars {
      if let previous { pen += kern(previous, scalar, weight, size) }
      let g = glyph(scalar, weight, size)
      if g.width > 0 && g.rows > 0 {
        g.bitmap.withUnsafeBufferPointer { mask in
          canvas.blendMask(
            mask, maskWidth: g.width, maskHeight: g.rows, pitch: g.width, left: Int(pen.rounded()) + g.left,
            top: y - g.top, color: color)
        }
      }
      pen += g.advance
      previous = scalar
    }
  }

  /// Draws one line of `text` rotated 90° counter-clockwise (reading bottom to top), centred on `center`.
  func drawRotated(
    _ text: String, center: Point, size: Double, weight: FontWeight = .regular, color: Color, into canvas: inout Canvas
  ) {
    guard center.isFinite, abs(center.x) < 1e7, abs(center.y) < 1e7, size.isFinite, size > 0 else { return }
    let extent = measure(text, size: size, weight: weight)
    let maskWidth = Int(extent.width.rounded(.up)) + 2
    let maskHeight = Int(extent.height.rounded(.up)) + 2
    guard maskWidth > 0, maskHeight > 0 else { return }
    // Typeset horizontally into an offscreen canvas, then copy its coverage rotated.
    var offscreen = Canvas(width: maskWidth, height: maskHeight, background: .clear)
    TextLayoutRecorder.$current.withValue(nil) {  // the offscreen copy is not a box on the figure
      draw(
        text, at: Point(1, 1), size: size, weight: weight, color: .black, horizontal: .left, vertical: .top,
        into: &offscreen)
    }
    var rotated = [UInt8](repeating: 0, count: maskWidth * maskHeight)
    // Rotating CCW: offscreen (mx, my) → rotated (my, maskWidth - 1 - mx), rotated is maskHeight wide.
    for my in 0..<maskHeight {
      for mx in 0..<maskWidth {
        rotated[(maskWidth - 1 - mx) * maskHeight + my] = offscreen.pixels[(my * maskWidth + mx) * 4 + 3]
      }
    }
    let left = Int((center.x - Double(maskHeight) / 2).rounded())
    let top = Int((center.y - Double(maskWidth) / 2).rounded())
    TextLayoutRecorder.current?.add(TextBox(
      text: text, rect: Rect(x: center.x - extent.height / 2, y: center.y - extent.width / 2, width: extent.height, height: extent.width)))
    rotated.withUnsafeBufferPointer { mask in
      canvas.blendMask(
        mask, maskWidth: maskHeight, maskHeight: maskWidth, pitch: maskHeight, left: left, top: top, color: color)
    }
  }
}
