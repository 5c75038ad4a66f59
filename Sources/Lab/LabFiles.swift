import Foundation

/// Files the lab serves or writes, always inside a root folder: a relative path with `..`, `.`,
/// empty or hidden components, a backslash or NUL is refused, and so is any path through a symbolic link.
public enum LabFiles {
  /// The file `relative` (components separated by `/`) inside `root`; throws ``LabError/notFound(_:)``
  /// when the name is not allowed or there is no such regular file.
  public static func file(_ relative: String, in root: URL) throws(LabError) -> URL {
    let url = try inside(relative, root: root)
    var status = stat()
    guard lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      throw .notFound("There is no file /\(relative).")
    }
    return url
  }

  /// `relative` inside `root`, checking its name and that no existing folder on the way is a link.
  public static func inside(_ relative: String, root: URL) throws(LabError) -> URL {
    guard !relative.hasPrefix("/"), !relative.contains("\\"), !relative.contains("\0") else {
      throw .notFound("The name '\(relative)' is not allowed: it must be a relative path inside the lab.")
    }
    let components = relative.split(separator: "/", omittingEmptySubsequences: false)
    for component in components where component.isEmpty || component == "." || component == ".." || component.hasPrefix(".") {
      throw .notFound("The name '\(relative)' is not allowed: its parts must not be empty, '.', '..' or hidden.")
    }
    var url = root
    for component in components.dropLast() {
      url.appendPathComponent(String(component))
      var status = stat()
      if lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
        throw .notFound("The name '\(relative)' is not allowed: it goes through a link.")
      }
    }
    url.appendPathComponent(String(components.last ?? ""))
    var status = stat()
    if lstat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
      throw .notFound("The name '\(relative)' is not allowed: it is a link.")
    }
    return url
  }

  /// The media type of a file name, by its extension.
  public static func contentType(_ name: String) -> String {
    switch (name as NSString).pathExtension.lowercased() {
    case "html": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json", "jsonl": "application/json"
    case "png": "image/png"
    case "svg": "image/svg+xml"
    case "csv": "text/csv; charset=utf-8"
    case "txt", "md": "text/plain; charset=utf-8"
    default: "application/octet-stream"
    }
  }
}
