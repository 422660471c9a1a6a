// The concrete readers, one per shape family. open_source() picks one from InputInfo.
#pragma once

#include <cstdint>
#include <memory>

#include "huntq/input/byte_stream.h"
#include "huntq/input/source_base.h"

namespace huntq::input {

/// The raw or decompressed bytes of the input, from `begin` on (begin > 0: plain files only);
/// file bytes in [count_from, count_to) count as read for progress (open_file_stream).
std::unique_ptr<ByteStream> open_input_bytes(const InputInfo& info, std::uint64_t begin = 0,
                                             std::uint64_t count_from = 0,
                                             std::uint64_t count_to = UINT64_MAX);

/// One JSON record per line: Ndjson rows or StreamingRecords envelopes. Splittable.
std::unique_ptr<SourceBase> make_line_source(const InputInfo& info, std::uint64_t begin,
                                             std::uint64_t end);
/// JsonArray, ApiResponse and StreamingWrapped: elements of one array streamed from the file.
std::unique_ptr<SourceBase> make_json_container_source(const InputInfo& info);
std::unique_ptr<SourceBase> make_log_analytics_source(const InputInfo& info);
std::unique_ptr<SourceBase> make_csv_source(const InputInfo& info);

/// open_source() with the concrete type, for sniffing and inspect.
std::unique_ptr<SourceBase> open_source_base(const InputInfo& info, std::uint64_t begin = 0,
                                             std::uint64_t end = UINT64_MAX);

}  // namespace huntq::input
