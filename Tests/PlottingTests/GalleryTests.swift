import Foundation
import Testing
@testable import Plotting

@Suite struct GalleryTests {
  @Test func everyChartKindIsInTheGallery() {
    let names = PlotGallery.entries().map(\.name)
    #expect(names == ["line-log", "scatter", "band", "bar", "histogram", "heatmap", "small-multiples", "diagram"])
  }

  /// Each gallery figure renders at a small size with a white margin and some ink.
  @Test(arguments: PlotGallery.entries().map(\.name))
  func galleryFigureRenders(name: String) throws {
    let entry = try #require(PlotGallery.entries().first { $0.name == name })
    let image = try entry.figure.render(width: 480, height: 320, scale: 0.8)
    let probe = ImageProbe(image: image)
    #expect(probe.isWhite(0, 0) && probe.isWhite(image.width - 1, image.height - 1))
    let dark = probe.count(x: 0..<image.width, y: 0..<image.height) { probe.isDark($0, $1) }
    #expect(dark > 500)
  }

  @Test func computationGraphValuesMatchMicrograd() {
    let graph = PlotGallery.computationGraph()
    let fields = graph.nodes.map { $0.fields }
    #expect(fields.contains(["x1", "data 2", "grad -1.5"]))
    #expect(fields.contains(["w1", "data -3", "grad 1"]))
    #expect(fields.contains(["o", "data 0.7071", "grad 1"]))
  }
}
