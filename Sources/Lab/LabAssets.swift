/// The files under `/lab/` that every served page loads.
enum LabAssets {
  static let files: [String: String] = ["lab.js": LabScript.javascript, "lab.css": LabStyle.css]
}
