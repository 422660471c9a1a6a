// The huntq command line: `huntq run`, `huntq inspect`.
#pragma once

namespace huntq::cli {

/// Exit statuses, grep's convention (documented in --help and README).
enum ExitStatus : int { kRowsPrinted = 0, kNoRows = 1, kError = 2 };

int main(int argc, char** argv);

}  // namespace huntq::cli
