#include "huntq/cli/app.h"

int main(int argc, char** argv) {
  return huntq::cli::main(argc, argv);
}
