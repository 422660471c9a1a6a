#include "inspect_command.h"
#include "huntq/error.h"
namespace huntq::cli {
int inspect_command(const InspectOptions&) { throw Error("inspect: TEMPORARY"); }
}
