/// The program's name and version as it signs its files (the PNG `Software` chunk, a checkpoint's
/// metadata, the site's footer).
public let workbenchSoftware = "workbench 0.1.0"
