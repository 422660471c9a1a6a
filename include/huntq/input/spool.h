// Inputs without a size (standard input, pipes, FIFOs, devices) are copied to a temporary file
// first, since a run reads each input more than once (sniffing, then a scan per table). The copy
// is bounded so that `huntq run - < /dev/zero` stops with an error instead of filling the disk.
#pragma once

#include <string>

#include "huntq/input/record_source.h"

namespace huntq::input {

/// Copies what can be read from `fd` to an unlinked temporary file in $TMPDIR (or /tmp) and
/// returns a path that opens the copy (/proc/self/fd/N) for the rest of the run. The copy is
/// made once per `key` (e.g. "-" for standard input). At most InputOptions::max_spool_bytes, and
/// never so much that less than 1 GiB (and 5%) of that file system stays free: past that, throws
/// huntq::Error naming `display_name` and the limit.
std::string spool_stream(int fd, const std::string& key, const std::string& display_name,
                         const InputOptions& options);

/// spool_stream() of the file at `path` (a FIFO, a device, /dev/fd/N from process substitution).
std::string spool_path(const std::string& path, const std::string& display_name,
                       const InputOptions& options);

}  // namespace huntq::input
