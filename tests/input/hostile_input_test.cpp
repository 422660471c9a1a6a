// Damaged inputs must give counted malformed records or a huntq::Error, never a crash (run
// under the sanitizer build to make this bite).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "huntq/error.h"
#include "huntq/input/inspect.h"
#include "huntq/input/record_source.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

TEST_CASE("hostile: mutated files of every shape fail cleanly", "[input][hostile]") {
  const std::vector<std::string> seeds{
      "{\"ActionType\":\"A\",\"MD5\":\"m\",\"ProcessRemoteSessionIP\":\"\",\"Timestamp\":\"2024-01-"
      "01T00:00:"
      "00Z\"}\n"
      "{\"ActionType\":\"B\",\"AdditionalFields\":{\"x\":[1,2,{\"y\":null}]}}\n",
      "[{\"ActionType\":\"A\",\"MD5\":\"m\",\"ProcessRemoteSessionIP\":\"\"},\n "
      "{\"ActionType\":\"B\"}]",
      "{\"Stats\":{},\"Schema\":[{\"Name\":\"MD5\"}],\"Results\":[{\"ActionType\":\"A\","
      "\"ProcessRemoteSessionIP\":\"\"}]}",
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\"}}\r\n",
      "{\"records\":[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{}}]}",
      "{\"tables\":[{\"name\":\"t\",\"columns\":[{\"name\":\"ActionType\"},{\"name\":"
      "\"ProcessRemoteSessionIP\"}],\"rows\":[[\"A\",\"k\"],[\"B\",null]]}]}",
      "ActionType,ProcessRemoteSessionIP,Timestamp\r\nA,\"k,\"\"x\"\"\",2024-01-01\r\nB,,\r\n",
      // Shapes and routings added with the 27 tables: streaming array, pretty objects, a union
      // told row by row, rows labelled by Type.
      "[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\"}},"
      "{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"MD5\":\"m\"}}]",
      "{\n \"ActionType\": \"A\",\n \"IsProcessRemoteSession\": false\n}\n{\n \"ActionType\": "
      "\"B\"\n}\n",
      "{\"ActionType\":\"FileCreated\",\"FileOriginReferrerUrl\":\"u\",\"PreviousFileName\":\"\","
      "\"RegistryValueType\":\"\",\"PreviousRegistryKey\":\"\",\"PreviousRegistryValueName\":\"\"}"
      "\n"
      "{\"ActionType\":\"RegistryValueSet\",\"FileOriginReferrerUrl\":\"\",\"RegistryValueType\":"
      "\"S\",\"PreviousRegistryKey\":\"k\"}\n",
      "Type,ActionType,MD5\nDeviceEvents,A,m\nDeviceFileEvents,\"B\"\"\",n\nOther,C,\n",
  };
  const char specials[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\r', '\0', '\xff', 'u'};
  std::uint64_t state = 42;
  auto rnd = [&state](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  TempDir dir;
  const Projection p =
      projection_of(device_events(), {"ActionType", "Timestamp", "AdditionalFields"});
  int clean = 0, errors = 0;
  for (const std::string& seed : seeds) {
    for (int round = 0; round < 150; ++round) {
      std::string s = seed;
      const auto edits = 1 + rnd(3);
      for (std::uint64_t e = 0; e < edits && !s.empty(); ++e) {
        const auto at = rnd(s.size());
        switch (rnd(3)) {
          case 0:
            s[at] = specials[rnd(sizeof specials)];
            break;
          case 1:
            s.erase(at, 1 + rnd(4));
            break;
          default:
            s.resize(at);
            break;  // truncation
        }
      }
      const std::string path = dir.write("m.dat", s);
      try {
        InputOptions small;
        small.buffer_bytes = 16 + rnd(64);
        small.max_record_bytes = 40 + rnd(200);
        const InputInfo info = sniff_input(path, &device_events(), small);
        read_all(info, p);
        inspect_input(info);
        ++clean;
        // Sniffed without --table too (shapes, labels, row-by-row routing), when it can be.
        try {
          const InputInfo own = sniff_input(path, nullptr, small);
          read_all(own, p);
          read_all(own, projection_of(device_file_events(), {"MD5", "ActionType"}));
          inspect_input(own);
        } catch (const Error& e) {
          CHECK(std::string(e.what()).rfind(path, 0) == 0);
        }
      } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind(path, 0) == 0);  // names the file
        ++errors;
      }
    }
  }
  CHECK(clean + errors == 11 * 150);
  CHECK(clean > 0);
  CHECK(errors > 0);
}
