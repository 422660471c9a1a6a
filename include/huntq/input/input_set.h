// From the command line's paths to the inputs a run reads: files, folders (walked recursively,
// following symbolic links), quoted globs, "-" for standard input, and `--table NAME=PATH`
// specs; each sniffed. Nothing is passed over without a reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/error.h"
#include "huntq/input/record_source.h"

namespace huntq::input {

struct GatherRequest {
  std::vector<std::string> paths;        ///< files, folders, globs, "-" for standard input
  std::vector<std::string> table_specs;  ///< --table NAME=PATH (PATH: a file, folder or glob)
  InputOptions options;
  /// Read what can be read when some file or folder that could hold rows cannot be (by default
  /// that stops the run).
  bool skip_unreadable = false;
};

/// Why a path was passed over.
enum class SkipKind : std::uint8_t {
  Hidden,         ///< a ".name" entry in a folder
  Empty,          ///< an empty file in a folder
  NotExport,      ///< a file in a folder (or matched by a glob) that is no export
  NotRegular,     ///< a FIFO, socket or device inside a folder (reading it could block)
  BrokenLink,     ///< a symbolic link to nothing
  AlreadyWalked,  ///< a folder reached again (a symbolic link loop, or a second link)
  Unreadable,     ///< could hold rows but could not be read: an error unless skip_unreadable
};

/// A path passed over, and why.
struct SkippedPath {
  SourceLocation where;  ///< the path (with a line when sniffing said where)
  std::string why;
  SkipKind kind = SkipKind::NotExport;
};

struct InputSet {
  std::vector<InputInfo> inputs;  ///< in command-line order; a folder's files sorted by path
  std::vector<SkippedPath> skipped;
  std::vector<std::string> warnings;  ///< e.g. a file reached twice (it is read once)
};

/// Rules: a path named on the command line must read (else huntq::Error); a file met in a folder
/// or through a glob that is not an export is skipped. Folders: hidden entries (".name") skipped;
/// symbolic links followed, each folder walked once (a link loop is skipped). The same file
/// reached twice (named twice, through a folder and by name, through a link) is read once, with
/// a warning; with --table it is read as that table. Globs (`'exports/*.json'`, `'**/PT1H.json'`)
/// match as ripgrep's -g does: `*` and `?` stop at '/', `**` crosses folders, `[a-z]`, `{a,b}`;
/// a glob without '/' matches file names at any depth below the current folder. Throws
/// huntq::Error for a bad spec, a path that does not exist, a glob that matches nothing,
/// unreadable paths (unless skip_unreadable), and when no input is left.
InputSet gather_inputs(const GatherRequest& request);

/// ripgrep-style glob match of a '/'-separated path (see gather_inputs); no brace expansion.
bool glob_match(std::string_view pattern, std::string_view path);
/// `{a,b}` alternatives expanded (nested braces too); at most 1024 patterns.
std::vector<std::string> expand_braces(std::string_view pattern);
/// True when the path has glob syntax (`*`, `?`, `[`, `{`).
bool has_glob_chars(std::string_view path);

}  // namespace huntq::input
