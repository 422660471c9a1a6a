// `huntq adx-schema`: the commands that make the Defender tables in Azure Data Explorer (or its
// free cluster, or the Kusto emulator), so exports can be ingested there and a hunt run at scale.
#pragma once

#include <string>
#include <vector>

namespace huntq::cli {

/// Prints `.create-merge table` and `.create-or-alter ... ingestion json mapping` commands for
/// `tables` (all built-in tables when empty). Throws huntq::Error for an unknown table.
int adx_schema_command(const std::vector<std::string>& tables);

/// The commands as text (for tests).
std::string adx_schema_text(const std::vector<std::string>& tables);

}  // namespace huntq::cli
