/// A training film on a page: the animated PNG (which plays by itself where scripts are off), the step
/// scrubber (play/pause, a slider over the frames, the frame's step and loss) and the caption.
/// `film.js` (``FilmScript``) drives the controls from the frame list in the markup.
enum FilmView {
  /// The figure of `film`, whose files live under `folder` (relative to the page, ending in "/").
  static func render(_ film: LoadedLesson.Film, folder: String, command: String?, id: String? = nil) -> HTMLNode {
    let record = film.film
    let last = max(record.frames.count - 1, 0)
    return .element("figure", ["class": "film", "id": id]) {
      HTMLNode.void("img", [
        "class": "film-image", "src": folder + record.file, "alt": record.alt,
        "width": String(film.size.width), "height": String(film.size.height),
      ])
      HTMLNode.element("div", ["class": "film-controls", "hidden": ""]) {
        HTMLNode.element("button", ["type": "button", "class": "film-play", "aria-pressed": "false"]) { "Play" }
        HTMLNode.void("input", [
          "type": "range", "class": "film-slider", "min": "0", "max": String(last), "step": "1", "value": "0",
          "aria-label": "Frame of " + record.title,
        ])
        HTMLNode.element("output", ["class": "film-label", "aria-live": "polite"]) { record.frames.first?.label ?? "" }
      }
      HTMLNode.element("ol", ["class": "film-frames", "hidden": ""]) {
        for (index, frame) in record.frames.enumerated() {
          HTMLNode.element("li", ["data-src": folder + film.frameFile(index), "data-step": String(frame.step)]) { frame.label }
        }
      }
      HTMLNode.element("figcaption") {
        HTMLNode.element("strong") { record.title + "." }
        " "
        SharedViews.codeSpans(record.caption + " \(record.frames.count) frames recorded during the run.")
        if let command {
          HTMLNode.element("span", ["class": "reproduce"]) {
            "Reproduce: "
            HTMLNode.element("code") { command }
          }
        }
      }
    }
  }
}
